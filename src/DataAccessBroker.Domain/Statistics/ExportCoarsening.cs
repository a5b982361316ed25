using DataAccessBroker.Domain.Applications;
using DataAccessBroker.Domain.Sla;

namespace DataAccessBroker.Domain.Statistics;

/// <summary>
/// The stage-interval export made safe to hand to an analyst (docs/disclosure.md): someone who knows when a decision
/// was taken must not find the application by it.
/// <list type="bullet">
/// <item>Times are cut to the day (Europe/Oslo), durations rounded to whole days.</item>
/// <item>A row of a small group (fewer than k rows share its stage, body, purpose and closing month) loses its
/// purpose, merging with the other purposes, and its times are cut to the week (Monday, or the first of the month
/// when the week began in the month before: a row never moves to a month whose count did not let it out).</item>
/// <item>A row whose stage, body and closing month hold fewer than k rows even so is left out.</item>
/// </list>
/// </summary>
public static class ExportCoarsening
{
    /// <param name="groupSize">Rows sharing the row's stage, body, purpose and closing month.</param>
    /// <param name="mergedGroupSize">Rows sharing its stage, body and closing month, whatever their purpose.</param>
    /// <returns>The row to publish, or null to leave it out.</returns>
    public static StageInterval? Coarsen(StageInterval row, long groupSize, long mergedGroupSize, int k)
    {
        if (mergedGroupSize < k) return null;
        var small = groupSize < k;
        DateTimeOffset Cut(DateTimeOffset time)
        {
            var day = WallClock.OsloDayOf(time);
            // The week's Monday, but never in the month before: the row must stay in the month whose count let it out.
            if (small)
            {
                var monday = day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
                var firstOfMonth = new DateOnly(day.Year, day.Month, 1);
                day = monday > firstOfMonth ? monday : firstOfMonth;
            }
            var midnight = day.ToDateTime(TimeOnly.MinValue);
            return new DateTimeOffset(midnight, WallClock.Oslo.GetUtcOffset(midnight));
        }

        return row with
        {
            TaskId = Guid.Empty,
            Purpose = small ? Purpose.Unspecified : row.Purpose,
            OpenedTime = Cut(row.OpenedTime),
            ClosedTime = row.ClosedTime is { } closed ? Cut(closed) : null,
            BodyBusinessDays = Math.Round(row.BodyBusinessDays),
            BodyCalendarDays = Math.Round(row.BodyCalendarDays),
            ApplicantWaitBusinessDays = Math.Round(row.ApplicantWaitBusinessDays),
            ApplicantWaitCalendarDays = Math.Round(row.ApplicantWaitCalendarDays),
        };
    }
}
