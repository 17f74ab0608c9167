package io.confman.web.api;

import io.confman.web.problem.ApiException;
import io.confman.web.problem.ProblemType;
import java.util.regex.Pattern;

/**
 * The name rules for namespaces and keys: 1 to {@value #MAX_NAME_CHARS} characters from {@code
 * A-Z a-z 0-9 . _ -}, and not made of dots only ({@code .} and {@code ..} would read as path
 * steps). A namespace is one path segment: {@code /} is not allowed, so a scope entry {@code prod}
 * grants {@code prod} (and would grant {@code prod/...} if nested names are ever allowed).
 */
final class NameRules {
    static final int MAX_NAME_CHARS = 256;
    static final String RULE = "1-" + MAX_NAME_CHARS + " characters from A-Z a-z 0-9 . _ - and not only dots";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1," + MAX_NAME_CHARS + "}");
    private static final Pattern ONLY_DOTS = Pattern.compile("\\.+");
    /** How much of a rejected name the problem detail quotes. */
    private static final int QUOTED_NAME_CHARS = 40;

    private NameRules() {
    }

    /** {@code name} when it is a valid namespace, else a 400 naming the rule. */
    static String namespace(String name) {
        return check("namespace", name);
    }

    /** {@code name} when it is a valid key, else a 400 naming the rule. */
    static String key(String name) {
        return check("key", name);
    }

    static boolean valid(String name) {
        return name != null && NAME.matcher(name).matches() && !ONLY_DOTS.matcher(name).matches();
    }

    private static String check(String what, String name) {
        if (valid(name)) {
            return name;
        }
        String problem = name == null || name.isEmpty() ? "is empty"
                : name.length() > MAX_NAME_CHARS ? "is " + name.length() + " characters long"
                : "'" + quoted(name) + "' is not allowed";
        throw new ApiException(ProblemType.INVALID_REQUEST, what + " name " + problem + "; names must be " + RULE);
    }

    private static String quoted(String name) {
        String shown = name.length() > QUOTED_NAME_CHARS ? name.substring(0, QUOTED_NAME_CHARS) + "..." : name;
        return shown.replaceAll("[^\\x20-\\x7e]", "?");
    }
}
