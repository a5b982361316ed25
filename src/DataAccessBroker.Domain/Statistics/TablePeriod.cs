using DataAccessBroker.Domain.Errors;

namespace DataAccessBroker.Domain.Statistics;

/// <summary>
/// The period a table of turnaround figures covers: a calendar year or one of its quarters, nothing else. Two periods
/// that overlap give their difference away (January–June minus January–May is June), so the periods asked must be
/// cells of one table whose lines disclosure control protects: a year and its four quarters (docs/disclosure.md).
/// </summary>
public sealed record TablePeriod(int Year, int? Quarter)
{
    public DateOnly FirstMonth => new(Year, Quarter is { } q ? 3 * q - 2 : 1, 1);
    public DateOnly LastMonth => FirstMonth.AddMonths(Quarter is null ? 11 : 2);
    public DateOnly YearFirstMonth => new(Year, 1, 1);
    public DateOnly YearLastMonth => new(Year, 12, 1);

    /// <summary>The quarter as a table coordinate ("Q1" … "Q4"); null for the whole year.</summary>
    public string? Layer => Quarter is { } q ? LayerOf(q) : null;

    public static string QuarterOf(DateOnly month) => LayerOf((month.Month - 1) / 3 + 1);

    /// <summary>The period from the first month to the last (both whole months), when it is a year or a quarter.</summary>
    /// <exception cref="InvalidInputException">Any other run of months.</exception>
    public static TablePeriod Of(DateOnly firstMonth, DateOnly lastMonth)
    {
        if (firstMonth.Year == lastMonth.Year && firstMonth.Month == 1 && lastMonth.Month == 12)
        {
            return new TablePeriod(firstMonth.Year, null);
        }

        if (firstMonth.Year == lastMonth.Year && firstMonth.Month % 3 == 1 && lastMonth.Month == firstMonth.Month + 2)
        {
            return new TablePeriod(firstMonth.Year, (firstMonth.Month + 2) / 3);
        }

        throw new InvalidInputException("filter.start_date",
            "turnaround and bottlenecks cover a calendar year (January to December) or one quarter (January–March, " +
            "April–June, July–September, October–December): overlapping periods would give their difference away");
    }

    /// <summary>Quarter 1 … 4 as a table coordinate.</summary>
    public static string LayerOf(int quarter) => $"Q{quarter}";
}
