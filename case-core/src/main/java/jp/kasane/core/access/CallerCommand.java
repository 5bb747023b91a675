package jp.kasane.core.access;

/** A command issued by a caller: its agency and actor go into the metadata of every event it causes. */
public interface CallerCommand {
    Caller caller();
}
