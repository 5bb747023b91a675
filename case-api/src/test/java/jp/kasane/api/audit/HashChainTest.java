package jp.kasane.api.audit;

import jp.kasane.api.audit.HashChain.StoredEvent;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The audit chain's hash: stable across releases, defined byte for byte, and changed by every part it covers. */
class HashChainTest {

    static final String PREVIOUS = "a".repeat(64);

    /** The hash of {@link #event()} after {@link #PREVIOUS}, also recomputed outside Java (docs/audit.md). */
    static final String PINNED = "5b8ea3693143d602ade65c7b516ed046bc930f5b1b32f5867be57ffa28b7bb41";

    static StoredEvent event() {
        return new StoredEvent("case-1", 3, "event-1", "kasane.ConsultationRecorded", "1",
                "2026-04-03T01:00:00.123Z", "{\"caseId\":\"case-1\"}".getBytes(StandardCharsets.UTF_8),
                "{\"agencyId\":\"houkatsu-north\"}".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void is_64_lowercase_hex_and_pinned_for_ever() {
        String hash = HashChain.hash(PREVIOUS, event());
        assertThat(hash).matches("[0-9a-f]{64}");
        assertThat(HashChain.hash(PREVIOUS, event())).isEqualTo(hash);
        // Pinned: a change here means every stored chain no longer verifies.
        assertThat(hash).isEqualTo(reference(PREVIOUS, event()));
        assertThat(HashChain.hash(null, event())).isEqualTo(reference(null, event()));
        assertThat(hash).isEqualTo(PINNED);
    }

    @Test
    void every_part_changes_the_hash() {
        StoredEvent e = event();
        List<String> variants = List.of(
                HashChain.hash(PREVIOUS, e),
                HashChain.hash("b".repeat(64), e),
                HashChain.hash(null, e),
                HashChain.hash(PREVIOUS, new StoredEvent("case-2", 3, "event-1", e.payloadType(), "1", e.timestamp(), e.payload(), e.metadata())),
                HashChain.hash(PREVIOUS, new StoredEvent("case-1", 4, "event-1", e.payloadType(), "1", e.timestamp(), e.payload(), e.metadata())),
                HashChain.hash(PREVIOUS, new StoredEvent("case-1", 3, "event-2", e.payloadType(), "1", e.timestamp(), e.payload(), e.metadata())),
                HashChain.hash(PREVIOUS, new StoredEvent("case-1", 3, "event-1", "kasane.CaseOpened", "1", e.timestamp(), e.payload(), e.metadata())),
                HashChain.hash(PREVIOUS, new StoredEvent("case-1", 3, "event-1", e.payloadType(), "2", e.timestamp(), e.payload(), e.metadata())),
                HashChain.hash(PREVIOUS, new StoredEvent("case-1", 3, "event-1", e.payloadType(), null, e.timestamp(), e.payload(), e.metadata())),
                HashChain.hash(PREVIOUS, new StoredEvent("case-1", 3, "event-1", e.payloadType(), "1", "2026-04-03T01:00:00.124Z", e.payload(), e.metadata())),
                HashChain.hash(PREVIOUS, new StoredEvent("case-1", 3, "event-1", e.payloadType(), "1", e.timestamp(),
                        "{\"caseId\":\"case-2\"}".getBytes(StandardCharsets.UTF_8), e.metadata())),
                HashChain.hash(PREVIOUS, new StoredEvent("case-1", 3, "event-1", e.payloadType(), "1", e.timestamp(), e.payload(),
                        "{\"agencyId\":\"jiritsu\"}".getBytes(StandardCharsets.UTF_8))),
                HashChain.hash(PREVIOUS, new StoredEvent("case-1", 3, "event-1", e.payloadType(), "1", e.timestamp(), e.payload(), null)));
        Set<String> distinct = new HashSet<>(variants);
        assertThat(distinct).hasSize(variants.size());
    }

    @Test
    void boundaries_between_parts_are_unambiguous() {
        byte[] p = "{}".getBytes(StandardCharsets.UTF_8);
        // The same characters split differently between aggregate and event id, or payload and metadata.
        assertThat(HashChain.hash(null, new StoredEvent("ab", 0, "c", "t", null, "ts", p, p)))
                .isNotEqualTo(HashChain.hash(null, new StoredEvent("a", 0, "bc", "t", null, "ts", p, p)));
        assertThat(HashChain.hash(null, new StoredEvent("a", 0, "b", "t", null, "ts", "{}{".getBytes(StandardCharsets.UTF_8), "}".getBytes(StandardCharsets.UTF_8))))
                .isNotEqualTo(HashChain.hash(null, new StoredEvent("a", 0, "b", "t", null, "ts", p, p)));
        // An empty value is not a missing one.
        assertThat(HashChain.hash(null, new StoredEvent("a", 0, "b", "t", "", "ts", p, p)))
                .isNotEqualTo(HashChain.hash(null, new StoredEvent("a", 0, "b", "t", null, "ts", p, p)));
        assertThat(HashChain.hash("", new StoredEvent("a", 0, "b", "t", null, "ts", p, p)))
                .isNotEqualTo(HashChain.hash(null, new StoredEvent("a", 0, "b", "t", null, "ts", p, p)));
    }

    /** The layout of docs/audit.md, written out independently of the implementation. */
    static String reference(String previous, StoredEvent e) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (byte[] part : new byte[][]{
                    previous == null ? null : previous.getBytes(StandardCharsets.UTF_8),
                    e.aggregateIdentifier().getBytes(StandardCharsets.UTF_8),
                    ByteBuffer.allocate(8).putLong(e.sequenceNumber()).array(),
                    e.eventIdentifier().getBytes(StandardCharsets.UTF_8),
                    e.payloadType().getBytes(StandardCharsets.UTF_8),
                    e.payloadRevision() == null ? null : e.payloadRevision().getBytes(StandardCharsets.UTF_8),
                    e.timestamp().getBytes(StandardCharsets.UTF_8),
                    e.payload(),
                    e.metadata()}) {
                out.write(ByteBuffer.allocate(4).putInt(part == null ? -1 : part.length).array());
                if (part != null) {
                    out.write(part);
                }
            }
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(out.toByteArray()));
        } catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }
}
