package jp.kasane.api.audit;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The audit hash chain's one function (docs/audit.md): the SHA-256 of an event as it is stored in
 * {@code domainevententry}, linked to the hash of the previous event of the same stream.
 *
 * <pre>
 * hash = SHA-256( previousHash || aggregateIdentifier || sequenceNumber || eventIdentifier
 *                 || payloadType || payloadRevision || timestamp || payload || metadata )
 * </pre>
 *
 * Every part is length-prefixed (a 4-byte big-endian length, then the bytes; {@code -1} and no bytes for a null),
 * so no two different events can encode to the same byte string by moving a boundary or turning an empty value into
 * a missing one. Strings are UTF-8; the sequence number is 8 bytes big-endian; {@code previousHash} is the 64-character
 * lowercase hex of the predecessor (null for the first event of a stream); {@code timestamp}, {@code payload} and
 * {@code metadata} are the column values exactly as stored. The result is 64 lowercase hex characters.
 *
 * <p>Pure and stateless: changing anything here changes every stored hash, so it never changes; a new scheme would
 * be a new function with a version recorded next to each hash.
 */
public final class HashChain {

    private static final HexFormat HEX = HexFormat.of();

    /** One stored event, as the hash covers it: the columns of its {@code domainevententry} row. */
    public record StoredEvent(String aggregateIdentifier, long sequenceNumber, String eventIdentifier,
                              String payloadType, String payloadRevision, String timestamp,
                              byte[] payload, byte[] metadata) {
    }

    private HashChain() {
    }

    /** The hash of {@code event} linked to {@code previousHash} (null for the first event of its stream). */
    public static String hash(String previousHash, StoredEvent event) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + length(event.payload()) + length(event.metadata()));
        part(out, utf8(previousHash));
        part(out, utf8(event.aggregateIdentifier()));
        part(out, ByteBuffer.allocate(Long.BYTES).putLong(event.sequenceNumber()).array());
        part(out, utf8(event.eventIdentifier()));
        part(out, utf8(event.payloadType()));
        part(out, utf8(event.payloadRevision()));
        part(out, utf8(event.timestamp()));
        part(out, event.payload());
        part(out, event.metadata());
        return HEX.formatHex(sha256().digest(out.toByteArray()));
    }

    private static void part(ByteArrayOutputStream out, byte[] bytes) {
        out.writeBytes(ByteBuffer.allocate(Integer.BYTES).putInt(bytes == null ? -1 : bytes.length).array());
        if (bytes != null) {
            out.writeBytes(bytes);
        }
    }

    private static byte[] utf8(String s) {
        return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
    }

    private static int length(byte[] bytes) {
        return bytes == null ? 0 : bytes.length;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}
