package io.confman.codec.command;

import java.util.LinkedHashMap;
import java.util.Map;

/** One sample of each command type, matching the golden files under {@code golden/}. */
final class SampleCommands {

    static final String SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    private SampleCommands() {
    }

    /** Golden file base name → the command it holds. */
    static Map<String, Command> byGoldenName() {
        Map<String, Command> samples = new LinkedHashMap<>();
        samples.put("SetNamespace", new SetNamespace("prod/payments", "Payment service settings", null,
                "Development Admin", "2026-02-12T10:15:30.123Z"));
        samples.put("DeleteNamespace", new DeleteNamespace("prod/payments", "Development Admin", "2026-02-12T10:15:31Z"));
        samples.put("SetConfig", new SetConfig("prod/payments", "db.url", "jdbc:postgresql://db:5432/pay?ssl=true",
                "string", "ci-bot", "2026-02-12T10:15:32Z", Preconditions.ifMatch(3)));
        samples.put("DeleteConfig", new DeleteConfig("prod/payments", "db.url", "ci-bot", "2026-02-12T10:15:33Z",
                Preconditions.NONE));
        samples.put("SetConfigBlobRef", new SetConfigBlobRef("prod/payments", "rates.json", SHA, 104_857_600L,
                "application/json", "json", "ci-bot", "2026-02-12T10:15:34Z", Preconditions.createOnlyIfAbsent()));
        return samples;
    }
}
