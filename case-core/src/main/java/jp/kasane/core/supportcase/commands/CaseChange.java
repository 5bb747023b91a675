package jp.kasane.core.supportcase.commands;

/** What a write on a case answers: the case's new version (its ETag). */
public record CaseChange(long version) {
}
