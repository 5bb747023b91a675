package jp.kasane.core.agency;

/** One entry of the agency registry (機関). {@code id} is a registry slug such as {@code houkatsu-north}. */
public record Agency(String id, String name, AgencyType type) {
}
