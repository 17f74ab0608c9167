package io.confman.blob;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Blob ids accept exactly 64 lowercase hex characters and reject everything else up front. */
class BlobIdTest {

    private static final String VALID = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    @Test
    void acceptsLowercaseHexOfSixtyFourCharacters() {
        BlobId id = BlobId.of(VALID);

        assertEquals(VALID, id.hex());
        assertEquals("e3", id.prefix());
        assertTrue(BlobId.isValid(VALID));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {
        "../../etc/passwd",
        "E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855",
        "e3b0c44298fc1c149afbf4c8996fb924",
        "",
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b8555",
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b85g",
        "../0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b85\n"
    })
    void rejectsAnythingElseBeforeAPathIsBuilt(String text) {
        assertFalse(BlobId.isValid(text));
        var failure = assertThrows(InvalidBlobIdException.class, () -> BlobId.of(text));
        assertTrue(failure instanceof IllegalArgumentException);
    }
}
