package jp.kasane.api.web.agencies;

import jp.kasane.core.agency.Agency;
import jp.kasane.core.agency.AgencyType;

import java.util.List;

/** One agency as the API shows it. */
public record AgencyView(String id, String name, AgencyType type) {

    static AgencyView of(Agency agency) {
        return new AgencyView(agency.id(), agency.name(), agency.type());
    }

    /** {@code {items: [...]}}. */
    public record Page(List<AgencyView> items) {
    }
}
