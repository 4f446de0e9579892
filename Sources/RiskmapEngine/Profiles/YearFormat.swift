/// How a school-year cell written as a bare year (`2019`) reads (`--year-format`).
/// A year with both halves (`2018/19`) always reads as written.
public enum YearFormat: String, Sendable, CaseIterable {
    /// `2019` is the school year starting then, 2019/20 (the default reading).
    case school
    /// `2019` is the calendar year of spring exams (ВПР, ОГЭ, ЕГЭ), so the school year
    /// ending then, 2018/19.
    case calendar
}
