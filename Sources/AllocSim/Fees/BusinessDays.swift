/// Counting business days: Saturdays, Sundays and listed holidays are
/// skipped, and the day of the event itself is not counted (as in the
/// time computation of Vermont's rule 3.1.5 and Guam §14101(i)).
public struct BusinessCalendar: Sendable, Hashable {
    public var holidays: Set<CalendarDate>

    public init(holidays: [CalendarDate] = []) { self.holidays = Set(holidays) }

    public func isBusinessDay(_ d: CalendarDate) -> Bool {
        d.weekday < 5 && !holidays.contains(d)
    }

    /// The date `n` business days after `start` (n ≥ 0).
    public func adding(businessDays n: Int, to start: CalendarDate) -> CalendarDate {
        var d = start
        var left = n
        while left > 0 {
            d = d.adding(days: 1)
            if isBusinessDay(d) { left -= 1 }
        }
        return d
    }
}

/// The deadlines that follow when a caregiver who used waivers loses its
/// last reduced-registration patient (RI §1.12 F.3.c).
public struct WaiverLossDeadlines: Sendable, Hashable {
    /// F.3.c(1)-(2): re-associate with a reduced patient, or register a full
    /// patient and pay the balance, by this date.
    public var actBy: CalendarDate
    /// F.3.c(3): otherwise destroy the plants and return the certificate by
    /// this date (an additional ten business days).
    public var returnBy: CalendarDate
    /// F.3.c(2): the balance due if the caregiver pays instead.
    public var balanceDue: Double
}

extension PlantTagPolicy {
    public var businessCalendar: BusinessCalendar { BusinessCalendar(holidays: holidays) }

    /// F.3.c: deadlines and balance after the last reduced patient is lost
    /// on `date`.
    public func waiverLossDeadlines(lostOn date: CalendarDate, fee: PlantSetFee) -> WaiverLossDeadlines {
        let cal = businessCalendar
        let act = cal.adding(businessDays: actionBusinessDays, to: date)
        return WaiverLossDeadlines(actBy: act, returnBy: cal.adding(businessDays: actionBusinessDays, to: act),
                                   balanceDue: balanceDue(afterLosingReducedPatients: fee))
    }

    /// J.2-J.5: a certificate must be returned within ten business days of
    /// the event (electing to stop growing, surrender or revocation of a
    /// card, end of a caregiver's relationship with the patient).
    public func returnDeadline(eventOn date: CalendarDate) -> CalendarDate {
        businessCalendar.adding(businessDays: actionBusinessDays, to: date)
    }
}
