using DataAccessBroker.Domain.Applications;
using DataAccessBroker.Domain.Statistics;

namespace DataAccessBroker.Domain.Tests.Statistics;

/// <summary>The export's coarsening: days, weeks for small groups, and no row carried into another month.</summary>
public sealed class ExportCoarseningTests
{
    // Tuesday 1 September 2026, 14:30 in Oslo (UTC+2).
    private static readonly DateTimeOffset TuesdayFirst = new(2026, 9, 1, 12, 30, 0, TimeSpan.Zero);

    [Fact]
    public void A_small_groups_row_is_cut_to_the_week_but_not_into_the_month_before()
    {
        // The week began on Monday 31 August; August's count did not let this row out, so it stays on 1 September.
        var row = ExportCoarsening.Coarsen(Closed(TuesdayFirst), groupSize: 2, mergedGroupSize: 6, k: 5)!;

        Assert.Equal(new DateTimeOffset(2026, 9, 1, 0, 0, 0, TimeSpan.FromHours(2)), row.ClosedTime);
        Assert.Equal(Purpose.Unspecified, row.Purpose);
    }

    [Fact]
    public void A_small_groups_row_later_in_the_month_is_cut_to_its_Monday()
    {
        var row = ExportCoarsening.Coarsen(Closed(TuesdayFirst.AddDays(9)), groupSize: 2, mergedGroupSize: 6, k: 5)!;

        Assert.Equal(new DateTimeOffset(2026, 9, 7, 0, 0, 0, TimeSpan.FromHours(2)), row.ClosedTime); // Thu 10 → Mon 7
    }

    [Fact]
    public void A_large_groups_row_keeps_its_day_and_purpose_and_a_lone_row_is_left_out()
    {
        var row = ExportCoarsening.Coarsen(Closed(TuesdayFirst), groupSize: 5, mergedGroupSize: 5, k: 5)!;

        Assert.Equal((new DateTimeOffset(2026, 9, 1, 0, 0, 0, TimeSpan.FromHours(2)), Purpose.HealthResearch), (row.ClosedTime, row.Purpose));
        Assert.Null(ExportCoarsening.Coarsen(Closed(TuesdayFirst), groupSize: 1, mergedGroupSize: 4, k: 5));
    }

    private static StageInterval Closed(DateTimeOffset closed) =>
        new(Guid.NewGuid(), Stage.DataOwnerReview, "npr", Purpose.HealthResearch, closed.AddDays(-20), closed,
            StageTaskStatus.Approved, 14.4, 20.2, 0, 0, true);
}
