package jp.kasane.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;

/** N clients, each a thread sending one request after the other (a caseworker system with keep-alive). */
final class Clients {

    private final Http http;
    private final Population population;
    /** Referrals requested and not yet answered: the next "acceptance" takes one. */
    private final Queue<String[]> unanswered = new ConcurrentLinkedQueue<>();

    Clients(Http http, Population population) {
        this.http = http;
        this.population = population;
    }

    /** Runs the scenario for warm-up plus duration; records only the measured part. */
    void run(Scenario scenario, int clients, Duration warmup, Duration duration, Latencies latencies)
            throws InterruptedException {
        long start = System.nanoTime();
        long measureFrom = start + warmup.toNanos();
        long end = measureFrom + duration.toNanos();
        List<Thread> threads = new ArrayList<>();
        if (scenario.idle()) {
            Thread.sleep((end - start) / 1_000_000);
            return;
        }
        for (int i = 0; i < clients; i++) {
            Thread t = new Thread(() -> {
                while (System.nanoTime() < end) {
                    String kind = scenario.next();
                    Http.Answer a = send(kind);
                    if (a != null && System.nanoTime() >= measureFrom && System.nanoTime() < end) {
                        latencies.record(kind, a);
                    }
                }
            }, "client-" + i);
            threads.add(t);
            t.start();
        }
        latencies.recording(true);
        for (Thread t : threads) {
            t.join();
        }
    }

    private Http.Answer send(String kind) {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return switch (kind) {
            case "consultation" -> {
                Population.Household h = population.any();
                yield http.post(h.opener, "/api/v1/cases/" + h.caseId + "/consultations", Map.of(
                        "occurredAt", Instant.now().minusSeconds(3_600).toString(), "channel", "PHONE",
                        "consultedBy", "SELF", "summary", Texts.summary(r), "issues", List.of()));
            }
            case "contact" -> {
                Population.Household h = population.any();
                yield http.post(h.opener, "/api/v1/cases/" + h.caseId + "/contacts", Map.of(
                        "occurredAt", Instant.now().minusSeconds(1_800).toString(),
                        "method", List.of("HOME_VISIT", "PHONE", "OUTREACH", "LETTER").get(r.nextInt(4)),
                        "reached", r.nextBoolean(), "summary", Texts.summary(r)));
            }
            case "holder-read" -> {
                Population.Household h = population.any();
                yield http.get(h.opener, "/api/v1/cases/" + h.caseId);
            }
            case "disclosed-read" -> {
                Population.Household h = population.anyConsented();
                yield http.get(Population.READER_ON_CONSENT, "/api/v1/cases/" + h.caseId);
            }
            case "caseload" -> http.get(Population.OPENERS.get(r.nextInt(Population.OPENERS.size())),
                    "/api/v1/caseload?size=50");
            case "handoffs" -> http.get(Population.READER_ON_CONSENT, "/api/v1/handoffs?size=50");
            case "open" -> {
                String opener = Population.OPENERS.get(r.nextInt(Population.OPENERS.size()));
                Http.Answer a = Population.open(http, opener);
                if (a.status() == 201) {
                    population.add(new Population.Household(a.text("caseId"), opener, null));
                }
                yield a;
            }
            case "consent" -> {
                Population.Household h = population.any();
                if (h.consented || h.self == null) {
                    yield null; // nothing to do on this one: not counted
                }
                Http.Answer a = Population.consent(http, h);
                if (a.status() == 201) {
                    h.consented = true;
                    population.consented.add(h);
                }
                yield a;
            }
            case "referral" -> {
                Population.Household h = population.anyConsented();
                if (h.referred) {
                    yield null;
                }
                h.referred = true;
                Http.Answer a = http.post(h.opener, "/api/v1/cases/" + h.caseId + "/referrals", Map.of(
                        "toAgencyId", "jiritsu", "reason", "家計相談と就労準備につなぎたい。", "basis", "CONSENT",
                        "categories", List.of("BASIC", "NOTES", "FINANCE")));
                if (a.status() == 201) {
                    unanswered.add(new String[]{h.caseId, a.text("referralId")});
                }
                yield a;
            }
            case "acceptance" -> {
                String[] ref = unanswered.poll();
                yield ref == null ? null : http.post(Population.READER_ON_CONSENT,
                        "/api/v1/cases/" + ref[0] + "/referrals/" + ref[1] + "/acceptance", null);
            }
            default -> throw new IllegalArgumentException(kind);
        };
    }
}
