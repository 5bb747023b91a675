package jp.kasane.core.supportcase;

import jp.kasane.core.access.Caller;
import jp.kasane.core.access.Role;
import jp.kasane.core.agency.Agency;
import jp.kasane.core.agency.AgencyDirectory;
import jp.kasane.core.agency.AgencyType;
import jp.kasane.core.calendar.BusinessCalendar;
import jp.kasane.core.meeting.MeetingRules;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The demo municipality's agencies (API.md), as a fixed registry for aggregate tests. */
final class TestAgencies implements AgencyDirectory {

    static final List<Agency> ALL = List.of(
            new Agency("houkatsu-north", "包括北", AgencyType.COMMUNITY_GENERAL_SUPPORT_CENTER),
            new Agency("houkatsu-south", "包括南", AgencyType.COMMUNITY_GENERAL_SUPPORT_CENTER),
            new Agency("csw-north", "CSW北", AgencyType.COMMUNITY_SOCIAL_WORKER),
            new Agency("jiritsu", "自立相談", AgencyType.LIVELIHOOD_CONSULTATION),
            new Agency("kikan", "基幹", AgencyType.DISABILITY_CORE_CENTER),
            new Agency("kodomo", "こども", AgencyType.CHILD_FAMILY_CENTER),
            new Agency("npo-ibasho", "居場所", AgencyType.PARTICIPATION_PARTNER),
            new Agency("city-welfare", "市", AgencyType.MULTI_AGENCY_COORDINATOR));

    @Override
    public Optional<Agency> find(String agencyId) {
        return ALL.stream().filter(a -> a.id().equals(agencyId)).findFirst();
    }

    @Override
    public List<Agency> all() {
        return ALL;
    }

    static Caller caseworker(String agencyId) {
        return new Caller(agencyId, agencyId + ":staff-1", Set.of(Role.CASEWORKER));
    }

    static Caller coordinator() {
        return new Caller("city-welfare", "city-welfare:staff-1", Set.of(Role.CASEWORKER, Role.COORDINATOR));
    }

    static MeetingRules meetingRules(Instant now) {
        return new MeetingRules(new TestAgencies(), Clock.fixed(now, ZoneOffset.UTC));
    }

    static CaseRules rules(Instant now) {
        return new CaseRules(new TestAgencies(), Clock.fixed(now, ZoneOffset.UTC), new BusinessCalendar(), 5,
                Duration.ofDays(14), new DisclosurePolicy(), IssueCatalog.standard());
    }
}
