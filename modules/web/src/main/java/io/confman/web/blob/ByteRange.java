package io.confman.web.blob;

import java.util.Optional;

/**
 * One satisfiable byte range of a value: {@code length} bytes from {@code offset}.
 *
 * <p>{@link #parse} follows RFC 9110 for a single range: {@code bytes=a-b}, {@code bytes=a-} and
 * the suffix form {@code bytes=-n}. A header it does not understand, or one asking for several
 * ranges, is ignored (the whole value is served, as the RFC allows); a well-formed range that
 * starts beyond the end is answered 416.
 */
record ByteRange(long offset, long length) {
    private static final String UNIT = "bytes=";

    /** {@code bytes first-last/size} for {@code Content-Range}. */
    String contentRange(long sizeBytes) {
        return "bytes " + offset + "-" + (offset + length - 1) + "/" + sizeBytes;
    }

    /**
     * The range a {@code Range} header asks of a value of {@code sizeBytes}; empty to serve it all.
     *
     * @throws io.confman.web.problem.ApiException 416 when the range cannot be satisfied
     */
    static Optional<ByteRange> parse(Optional<String> header, long sizeBytes) {
        if (header.isEmpty() || !header.get().startsWith(UNIT) || header.get().indexOf(',') >= 0) {
            return Optional.empty();
        }
        String spec = header.get().substring(UNIT.length()).trim();
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return Optional.empty();
        }
        String firstText = spec.substring(0, dash).trim();
        String lastText = spec.substring(dash + 1).trim();
        Long first = number(firstText);
        Long last = number(lastText);
        if ((!firstText.isEmpty() && first == null) || (!lastText.isEmpty() && last == null)) {
            return Optional.empty();
        }
        if (first == null) {
            if (last == null) {
                return Optional.empty();
            }
            if (last == 0 || sizeBytes == 0) {
                throw BlobErrors.rangeNotSatisfiable(sizeBytes);
            }
            long length = Math.min(last, sizeBytes);
            return Optional.of(new ByteRange(sizeBytes - length, length));
        }
        if (last != null && last < first) {
            return Optional.empty();
        }
        if (first >= sizeBytes) {
            throw BlobErrors.rangeNotSatisfiable(sizeBytes);
        }
        long end = last == null ? sizeBytes - 1 : Math.min(last, sizeBytes - 1);
        return Optional.of(new ByteRange(first, end - first + 1));
    }

    /** The decimal number in {@code text}; null when empty or not a bounded non-negative number. */
    private static Long number(String text) {
        String digits = text.trim();
        if (digits.isEmpty() || digits.length() > 18 || !digits.chars().allMatch(Character::isDigit)) {
            return null;
        }
        return Long.parseLong(digits);
    }
}
