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
    private volatile Latencies latencies = new Latencies();
    private volatile long measureFrom;
    private volatile long measureUntil;

    /** The last run's measured window (System.nanoTime): from the end of its warm-up to its end. */
    long measuredFrom() {
        return measureFrom;
    }

    long measuredUntil() {
        return measureUntil;
    }

    /** Told when a run's measured window opens and when it closes (on the thread that called {@link #run}). */
    interface Window {
        void opened();

        void closed();
    }

    void run(Scenario scenario, int clients, Duration warmup, Duration duration, Latencies latencies, Window window)
            throws InterruptedException {
        this.latencies = latencies;
        long start = System.nanoTime();
        long measureFrom = start + warmup.toNanos();
        long end = measureFrom + duration.toNanos();
        this.measureFrom = measureFrom;
        this.measureUntil = end;
        List<Thread> threads = new ArrayList<>();
        if (scenario.idle()) {
            watch(measureFrom, end, window);
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
        watch(measureFrom, end, window);
        for (Thread t : threads) {
            t.join();
        }
    }

    private static void watch(long from, long until, Window window) throws InterruptedException {
        sleepUntil(from);
        window.opened();
        sleepUntil(until);
        window.closed();
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long left = nanoTime - System.nanoTime();
        if (left > 0) {
            Thread.sleep(left / 1_000_000, (int) (left % 1_000_000));
        }
    }

    /**
     * A 支援会議 (Art. 106-6, no consent needed) on one case: the holder escalates the case to the coordinator (once per
     * case), the coordinator convenes the meeting with the holder and jiritsu, acknowledges its confidentiality and
     * sets a direction. Escalation, convening and acknowledgement are recorded as kinds of their own; the decision is
     * the answer of this kind.
     */
    private Http.Answer meeting(Population.Household h) {
        String coordinator = "demo-coordinator";
        String holder = h.opener.substring("demo-".length());
        if (h.escalated.compareAndSet(false, true)) {
            Http.Answer escalated = http.post(h.opener, "/api/v1/cases/" + h.caseId + "/escalation",
                    Map.of("reason", "複合的な課題のため多機関協働へ"));
            recordWithin("escalation", escalated);
            if (escalated.status() != 200) {
                return escalated;
            }
        }
        Http.Answer convened = http.post(coordinator, "/api/v1/meetings", Map.of("kind", "SUPPORT_MEETING",
                "heldOn", java.time.LocalDate.now(java.time.ZoneId.of("Asia/Tokyo")).toString(),
                "attendees", List.of(Map.of("agencyId", holder), Map.of("agencyId", "jiritsu")),
                "caseIds", List.of(h.caseId)));
        recordWithin("meeting-convene", convened);
        if (convened.status() != 201) {
            return convened;
        }
        String meetingId = convened.text("meetingId");
        Http.Answer ack = http.post(coordinator, "/api/v1/meetings/" + meetingId + "/confidentiality-acknowledgements",
                Map.of("agencyId", "city-welfare"));
        recordWithin("meeting-acknowledge", ack);
        return http.post(coordinator, "/api/v1/meetings/" + meetingId + "/decisions", Map.of("caseId", h.caseId,
                "decisions", List.of(Map.of("type", "SET_DIRECTION", "direction", "CSWが見守りを続け、次回の支援会議で確認する",
                        "watchOver", true, "actions", List.of(Map.of("agencyId", holder, "task", "月1回の家庭訪問"))))));
    }

    /**
     * A consultation as a partner system that may retry sends it: with an {@code Idempotency-Key}. One in ten is sent
     * again with the same key, as after a lost answer, and recorded as {@code consultation-retry} (the first answer
     * replayed, nothing recorded twice).
     */
    private Http.Answer keyedConsultation(ThreadLocalRandom r) {
        Population.Household h = population.any();
        String path = "/api/v1/cases/" + h.caseId + "/consultations";
        Map<String, Object> body = Map.of("occurredAt", Instant.now().minusSeconds(3_600).toString(),
                "channel", "PHONE", "consultedBy", "SELF", "summary", Texts.summary(r), "issues", List.of());
        String key = java.util.UUID.randomUUID().toString();
        Http.Answer first = http.post(h.opener, path, body, key);
        if (first.status() == 201 && r.nextInt(10) == 0) {
            Http.Answer retry = http.post(h.opener, path, body, key);
            recordWithin("consultation-retry", retry.status() == 201 && retry.body().equals(first.body()) ? retry
                    : new Http.Answer(-1, "retry answered " + retry.status() + " unlike the first", retry.nanos()));
        }
        return first;
    }

    private void recordWithin(String kind, Http.Answer a) {
        long now = System.nanoTime();
        if (now >= measureFrom && now < measureUntil) {
            latencies.record(kind, a);
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
            case "keyed-consultation" -> keyedConsultation(r);
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
            case "agency-read" -> http.get(Population.OPENERS.get(r.nextInt(Population.OPENERS.size())),
                    "/api/v1/agencies/jiritsu");
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
            case "meeting" -> meeting(population.anyConsented());
            case "closure" -> {
                Population.Household h = population.any();
                if (population.households.size() < 50) {
                    yield null; // keep a population to work on
                }
                h.closed = true;
                yield http.post(h.opener, "/api/v1/cases/" + h.caseId + "/closure", Map.of(
                        "reason", "支援により生活が安定した", "evaluation", "家計が安定し、息子は週1回居場所に通う。"));
            }
            default -> throw new IllegalArgumentException(kind);
        };
    }
}
