package jp.kasane.bench;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What the clients do in one measured window. The single-kind scenarios give each request kind's own rate (the figure
 * compared to the baseline); the mix is a working day: consultations most, then reads, contacts, caseloads,
 * hand-off boards, consents, referrals and their answers, new cases, 支援会議 and their decisions, closures.
 */
enum Scenario {
    /** No client: the projection lag of an idle system, what the lag under load is compared with. */
    IDLE(Map.of()),
    /**
     * One agency's registry entry, read by a holder: HTTP, the bearer key, method security, Spring MVC and JSON, but no
     * database and no Axon. Its rate is the ceiling of any request through this stack on this machine with these
     * clients: what no change to the case's own work can pass.
     */
    ENVELOPE(Map.of("agency-read", 1)),
    CONSULTATION(Map.of("consultation", 1)),
    /** Consultations with an Idempotency-Key, one in ten retried: the keyed write path beside the plain one. */
    KEYED_CONSULTATION(Map.of("keyed-consultation", 1)),
    OPEN(Map.of("open", 1)),
    HOLDER_READ(Map.of("holder-read", 1)),
    DISCLOSED_READ(Map.of("disclosed-read", 1)),
    MIX(Map.ofEntries(Map.entry("consultation", 30),
            Map.entry("contact", 10),
            Map.entry("holder-read", 20),
            Map.entry("disclosed-read", 10),
            Map.entry("caseload", 10),
            Map.entry("handoffs", 5),
            Map.entry("open", 5),
            Map.entry("consent", 4),
            Map.entry("referral", 3),
            Map.entry("acceptance", 3),
            Map.entry("meeting", 1),
            Map.entry("closure", 1)));

    private final List<String> kinds;
    private final int[] cumulative;

    Scenario(Map<String, Integer> weights) {
        this.kinds = List.copyOf(new java.util.TreeMap<>(weights).keySet());
        this.cumulative = new int[kinds.size()];
        int sum = 0;
        for (int i = 0; i < kinds.size(); i++) {
            sum += weights.get(kinds.get(i));
            cumulative[i] = sum;
        }
    }

    boolean idle() {
        return kinds.isEmpty();
    }

    String next() {
        int x = ThreadLocalRandom.current().nextInt(cumulative[cumulative.length - 1]);
        for (int i = 0; i < cumulative.length; i++) {
            if (x < cumulative[i]) {
                return kinds.get(i);
            }
        }
        throw new IllegalStateException();
    }

    boolean writes() {
        return this == IDLE || this == CONSULTATION || this == KEYED_CONSULTATION || this == OPEN || this == MIX;
    }
}
