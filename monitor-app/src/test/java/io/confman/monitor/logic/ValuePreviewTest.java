package io.confman.monitor.logic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** How the browser previews the head of a raw value: text stays text, binary becomes hex. */
@Timeout(5)
class ValuePreviewTest {

    @Test
    void completeTextValueIsShownAsIs() {
        byte[] head = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        assertEquals("{\"a\":1}", ValuePreview.of(head, "application/json", head.length));
    }

    @Test
    void partialTextSaysHowMuchIsShownEvenWhenAMultiByteCharacterIsCut() {
        byte[] full = "ééé".getBytes(StandardCharsets.UTF_8);
        byte[] head = Arrays.copyOf(full, 5);
        String preview = ValuePreview.of(head, "text/plain", 10 * 1024 * 1024);
        assertTrue(preview.startsWith("éé\n… (first 5 of 10.0 MiB)"), preview);
    }

    @Test
    void binaryValueIsShownAsHex() {
        byte[] head = {0, 1, 2, (byte) 0xff};
        String preview = ValuePreview.of(head, "application/octet-stream", 4);
        assertTrue(preview.contains("00000000  00 01 02 ff"), preview);
    }
}
