package io.confman.monitor.logic;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Locale;

/** Renders the first bytes of a raw value for the browser's preview pane. */
public final class ValuePreview {

    /** Bytes shown as hex when the value is not text. */
    static final int HEX_BYTES = 256;

    private ValuePreview() {
    }

    /**
     * Text when the bytes decode as UTF-8 (a multi-byte character cut at the end is tolerated),
     * otherwise a hex dump of the first {@value #HEX_BYTES} bytes; a note says when it is partial.
     */
    public static String of(byte[] head, String contentType, long totalBytes) {
        String note = head.length < totalBytes
                ? "\n… (first " + head.length + " of " + Formats.bytes(totalBytes) + ")" : "";
        String text = decodeUtf8(head);
        if (text != null && looksTextual(text, contentType)) {
            return text + note;
        }
        int shown = Math.min(head.length, HEX_BYTES);
        StringBuilder hex = new StringBuilder("binary " + (contentType == null ? "" : contentType) + "\n");
        for (int offset = 0; offset < shown; offset += 16) {
            int end = Math.min(shown, offset + 16);
            hex.append(String.format(Locale.ROOT, "%08x  ", offset))
                    .append(HexFormat.ofDelimiter(" ").formatHex(head, offset, end)).append('\n');
        }
        return hex + (shown < totalBytes ? "… (first " + shown + " of " + Formats.bytes(totalBytes) + ")" : "");
    }

    private static boolean looksTextual(String text, String contentType) {
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        if (type.startsWith("text/") || type.contains("json") || type.contains("xml") || type.contains("yaml")) {
            return true;
        }
        return text.chars().noneMatch(c -> c < 0x09 || (c > 0x0d && c < 0x20));
    }

    private static String decodeUtf8(byte[] head) {
        for (int cut = 0; cut <= 3 && cut <= head.length; cut++) {
            try {
                return StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(head, 0, head.length - cut)).toString();
            } catch (CharacterCodingException e) {
                // try again without a possibly cut trailing character
            }
        }
        return null;
    }
}
