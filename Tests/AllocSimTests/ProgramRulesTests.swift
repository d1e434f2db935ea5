@testable import AllocSim
import Testing

/// The dated rules of the program over time (issue 14, first part), each a
/// worked example with its weekdays checked.
@Suite struct ProgramRulesTests {
    func date(_ s: String) -> CalendarDate { CalendarDate(iso: s)! }

    @Test("§14302(a)(1): applications open Tuesday 2016-03-01 with Discovery Day (Monday 03-07) off: notice by Sunday 01-31, deadline 03-16, determination 05-25")
    func guamRoundCalendar() {
        let guam = JurisdictionCalendar(holidays: [date("2016-03-07")])
        #expect(date("2016-03-01").weekday == 1 && date("2016-01-31").weekday == 6)
        let r = RoundCalendar(opens: date("2016-03-01"), calendar: guam)
        #expect(r.latestNotice == date("2016-01-31"))
        // Ten working days: 2, 3, 4, (7 off), 8, 9, 10, 11, 14, 15, 16.
        #expect(r.closes == date("2016-03-16"))
        #expect(r.determination == date("2016-05-25"))
        // Without the holiday the window closes a working day earlier.
        #expect(RoundCalendar(opens: date("2016-03-01"), calendar: JurisdictionCalendar()).closes == date("2016-03-15"))
        // Opening on a Saturday: 30 days from 31 days before would end that Saturday, rolled to Monday (§14101(i)),
        // after the opening; so the notice must be a day earlier.
        let saturday = date("2016-03-05")
        #expect(saturday.weekday == 5)
        #expect(RoundCalendar(opens: saturday, calendar: JurisdictionCalendar()).latestNotice == date("2016-02-03"))
    }

    @Test("VT 3.7(b) with 3.1.5: a caregiver's last patient ceases Sunday 2025-03-02; the 90th day is Saturday 05-31, so the registration expires Monday 06-02")
    func vermontNinetyDays() {
        #expect(date("2025-05-31").weekday == 5)
        #expect(ProgramRules.vermontCaregiverExpiry(lastPatientCeased: date("2025-03-02"), calendar: JurisdictionCalendar())
                == date("2025-06-02"))
        // A 90th day on Saturday 2025-08-30 before Labor Day (Monday 09-01, a legal holiday) runs to Tuesday 09-02.
        let vermont = JurisdictionCalendar(holidays: [date("2025-09-01")])
        #expect(ProgramRules.vermontCaregiverExpiry(lastPatientCeased: date("2025-06-01"), calendar: vermont) == date("2025-09-02"))
        // A 90th day on a weekday is the expiry itself.
        #expect(ProgramRules.vermontCaregiverExpiry(lastPatientCeased: date("2025-03-05"), calendar: vermont) == date("2025-06-03"))
    }

    @Test("RI F.3.c: a caregiver loses its last reduced patient Friday 2025-10-10 before Columbus Day: act by Monday 10-27, else return by 11-10")
    func rhodeIslandFridayBeforeHoliday() {
        #expect(date("2025-10-10").weekday == 4)
        let ri = JurisdictionCalendar(holidays: [date("2025-10-13"), date("2025-11-11")])
        let d = PlantTagPolicy().waiverLossDeadlines(lostOn: date("2025-10-10"), calendar: ri)
        #expect(d.actBy == date("2025-10-27"))
        #expect(d.returnBy == date("2025-11-10"))
        // Without the holiday, a business day sooner.
        #expect(PlantTagPolicy().waiverLossDeadlines(lostOn: date("2025-10-10"), calendar: JurisdictionCalendar()).actBy
                == date("2025-10-24"))
    }

    @Test("§14307(a): a License to Operate applied for 60 days before a 2017-06-30 expiry allows renewal; 59 days does not, unless the license is held")
    func guamRenewal() {
        let expires = date("2017-06-30")
        #expect(ProgramRules.mayRenew(expires: expires, licenseAppliedOn: date("2017-05-01"), holdsLicense: false))
        #expect(!ProgramRules.mayRenew(expires: expires, licenseAppliedOn: date("2017-05-02"), holdsLicense: false))
        #expect(!ProgramRules.mayRenew(expires: expires, licenseAppliedOn: nil, holdsLicense: false))
        #expect(ProgramRules.mayRenew(expires: expires, licenseAppliedOn: nil, holdsLicense: true))
    }

    @Test("§14108(a): a card issued 2016-02-29 is valid one year, to 2017-02-28; one issued 2016-07-15 to 2017-07-15")
    func oneYear() {
        #expect(ProgramRules.oneYearAfter(date("2016-02-29")) == date("2017-02-28"))
        #expect(ProgramRules.oneYearAfter(date("2016-07-15")) == date("2017-07-15"))
    }

    @Test("Connecticut: a patient without the physician's certification of need has no caregiver, even naming one")
    func connecticutGate() {
        #expect(!ProgramRules.connecticutMayHaveCaregiver(physicianCertifiesNeed: false, patientNamesCaregiver: true))
        #expect(!ProgramRules.connecticutMayHaveCaregiver(physicianCertifiesNeed: true, patientNamesCaregiver: false))
        #expect(ProgramRules.connecticutMayHaveCaregiver(physicianCertifiesNeed: true, patientNamesCaregiver: true))
    }
}
