using DataAccessBroker.Contracts.V1;
using Grpc.Core;
using static DataAccessBroker.IntegrationTests.Scenario;

namespace DataAccessBroker.IntegrationTests;

/// <summary>
/// A simulated history with small groups, read as an attacker would: every answer at two thresholds, unfiltered and
/// for each body alone. No suppressed group's count is given away by the rows and totals together, a higher threshold
/// hides what the minimum hides, suppressed figures are absent, the export keeps no small group and no exact time.
/// </summary>
public sealed class DisclosureControlTests(BrokerFixture broker) : IClassFixture<BrokerFixture>
{
    private static readonly SemaphoreSlim Once = new(1, 1);
    private static readonly HashSet<BrokerFixture> Simulated = [];
    private readonly Scenario _s = new(broker);

    /// <summary>The history, simulated once per fixture: 80 applications over a year leave small groups beside large ones.</summary>
    private async Task HistoryAsync()
    {
        await Once.WaitAsync();
        try
        {
            if (Simulated.Add(broker))
            {
                await _s.Admin.Simulation.SimulateHistoryAsync(new SimulateHistoryRequest { Applications = 80, Seed = 11, Months = 12 });
            }
        }
        finally
        {
            Once.Release();
        }
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(0)]
    [InlineData(4)]
    public async Task A_threshold_below_the_minimum_is_refused_whatever_its_sign(int threshold)
    {
        var (code, status) = await FailureOf(() => _s.Analyst.Statistics.GetTurnaroundAsync(new GetTurnaroundRequest
        {
            Filter = new StatisticsFilter { SuppressionThreshold = threshold },
        }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, code);
        Assert.Equal("filter.suppression_threshold", Assert.Single(FieldViolations(status)).Field);
    }

    [Fact]
    public async Task No_combination_of_rows_totals_body_filters_and_thresholds_gives_a_suppressed_count_away()
    {
        await HistoryAsync();
        var answers = new List<(int Threshold, string? Body, GetTurnaroundResponse Answer)>();
        foreach (var threshold in new[] { 5, 10 })
        {
            var whole = await TurnaroundAsync(threshold, null);
            answers.Add((threshold, null, whole));
            foreach (var body in whole.Groups.Select(g => g.Body).Where(b => b.Length > 0 && b != "hds").Distinct())
            {
                answers.Add((threshold, body, await TurnaroundAsync(threshold, body)));
            }
        }

        var atMinimum = answers.Single(a => a is { Threshold: 5, Body: null }).Answer.Groups;
        Assert.Contains(atMinimum, g => g.Suppressed);
        Assert.Contains(atMinimum, g => !g.Suppressed && g.Body.Length > 0);
        foreach (var stage in atMinimum.Select(g => g.Stage).Distinct())
        {
            var bodies = atMinimum.Where(g => g.Stage == stage && g.Body.Length > 0).Select(g => g.Body).ToList();
            // Every count any answer shows, per body of the stage; and whether the stage's total is shown anywhere.
            var shown = answers.SelectMany(a => a.Answer.Groups)
                .Where(g => g.Stage == stage && !g.Suppressed && g.Body.Length > 0).Select(g => g.Body).ToHashSet();
            var totalShown = answers.Where(a => a.Body is null).SelectMany(a => a.Answer.Groups)
                .Any(g => g.Stage == stage && g.Body.Length == 0 && !g.Suppressed);
            var neverShown = bodies.Where(b => !shown.Contains(b)).ToList();

            Assert.False(totalShown && neverShown.Count == 1,
                $"{stage}: {neverShown.FirstOrDefault()} is the total minus the bodies shown");
        }

        // A higher threshold hides everything the minimum hides.
        var hiddenAtMinimum = atMinimum.Where(g => g.Suppressed).Select(g => (g.Stage, g.Body));
        var hiddenAtTen = answers.Single(a => a is { Threshold: 10, Body: null }).Answer.Groups
            .Where(g => g.Suppressed).Select(g => (g.Stage, g.Body)).ToHashSet();
        Assert.Superset(hiddenAtMinimum.ToHashSet(), hiddenAtTen);
        // Suppressed figures are absent, not zeros.
        Assert.All(answers.SelectMany(a => a.Answer.Groups).Where(g => g.Suppressed),
            g => Assert.True(!g.HasCount && !g.HasCohortOpened && !g.HasMedianBusinessDays));
    }

    /// <summary>
    /// Every answer for each purpose and all, each quarter and the year, at two thresholds, and for each body alone,
    /// read together as one system of equations in the cases of every (body, purpose, quarter) of each stage, solved
    /// as an attacker would: whatever the equations determine, a group hidden in some answer is never one of 1 to 4 cases.
    /// </summary>
    [Fact]
    public async Task No_combination_of_purposes_quarters_bodies_and_thresholds_gives_a_suppressed_count_away()
    {
        await HistoryAsync();
        var year = DateTime.UtcNow.Year;
        var purposes = System.Enum.GetValues<Purpose>().Where(p => p != Purpose.Unspecified).ToList();
        var quarters = new int?[] { null, 1, 2, 3, 4 };
        var answers = new List<(Purpose? Purpose, int? Quarter, string? Body, GetTurnaroundResponse Answer)>();
        foreach (var threshold in new[] { 5, 10 })
        {
            foreach (var purpose in purposes.Select(p => (Purpose?)p).Prepend(null))
            {
                foreach (var quarter in quarters)
                {
                    answers.Add((purpose, quarter, null, await TurnaroundAsync(threshold, null, purpose, year, quarter)));
                }
            }
        }

        var bodiesOf = answers.SelectMany(a => a.Answer.Groups).Where(g => g.Body.Length > 0)
            .GroupBy(g => g.Stage).ToDictionary(g => g.Key, g => g.Select(x => x.Body).Distinct().Order().ToList());
        foreach (var body in bodiesOf.Values.SelectMany(b => b).Where(b => b != "hds").Distinct())
        {
            answers.Add((null, null, body, await TurnaroundAsync(5, body, null, year, null)));
        }

        Assert.Contains(answers.SelectMany(a => a.Answer.Groups), g => g.Suppressed);
        foreach (var (stage, bodies) in bodiesOf)
        {
            var unknowns = (from b in bodies from p in purposes from q in new[] { 1, 2, 3, 4 } select (b, p, q)).ToList();
            double[] Slice(string? body, Purpose? purpose, int? quarter) => unknowns
                .Select(u => (body is null || u.b == body) && (purpose is null || u.p == purpose) && (quarter is null || u.q == quarter) ? 1.0 : 0.0)
                .ToArray();
            var equations = new List<(double[] Slice, double Cases)>();
            var hidden = new List<(string What, double[] Slice)>();
            foreach (var (purpose, quarter, asked, answer) in answers)
            {
                foreach (var group in answer.Groups.Where(g => g.Stage == stage))
                {
                    var slice = Slice(group.Body.Length > 0 ? group.Body : asked, purpose, quarter);
                    if (group.Suppressed)
                    {
                        hidden.Add(($"{group.Body} {purpose} Q{quarter}", slice));
                        continue;
                    }

                    Assert.False(group.Count + group.CohortOpen + group.CohortCancelled is > 0 and < 5, $"{stage} {group.Body} {purpose} Q{quarter} shown");
                    equations.Add((slice, group.Count + group.CohortOpen + group.CohortCancelled));
                }
            }

            var attacker = new LinearSystem(equations, unknowns.Count);
            foreach (var (what, slice) in hidden)
            {
                if (attacker.Solve(slice) is { } cases) Assert.False(cases is > 0.5 and < 4.5, $"{stage} {what}: {cases} cases");
            }
        }
    }

    [Fact]
    public async Task The_backlog_hides_a_small_body_with_a_partner_and_shows_no_zeros_for_hidden_groups()
    {
        await HistoryAsync();
        var backlog = await _s.Analyst.Statistics.GetBacklogAsync(new GetBacklogRequest());

        foreach (var stage in backlog.Groups.Select(g => g.Stage).Distinct())
        {
            var bodies = backlog.Groups.Where(g => g.Stage == stage && g.Body.Length > 0).ToList();
            var total = backlog.Groups.Single(g => g.Stage == stage && g.Body.Length == 0);
            Assert.False(!total.Suppressed && bodies.Count(b => b.Suppressed) == 1, $"{stage}: one hidden body beside a shown total");
        }

        Assert.All(backlog.Groups.Where(g => g.Suppressed), g => Assert.True(!g.HasOpen && !g.HasOverdue && !g.HasPausedOnApplicant));
    }

    [Fact]
    public async Task Every_answer_from_a_database_holding_simulated_history_says_so()
    {
        await HistoryAsync();
        var statistics = _s.Analyst.Statistics;
        using var export = statistics.ExportStageIntervals(new ExportStageIntervalsRequest());

        var scopes = new[]
        {
            (await statistics.GetTurnaroundAsync(new GetTurnaroundRequest())).Scope,
            (await statistics.GetBacklogAsync(new GetBacklogRequest())).Scope,
            (await statistics.GetMonthlyTrendAsync(new GetMonthlyTrendRequest())).Scope,
            (await statistics.GetBottlenecksAsync(new GetBottlenecksRequest())).Scope,
            (await export.ResponseStream.ReadAllAsync().FirstAsync()).Scope,
        };

        Assert.All(scopes, scope => Assert.True(scope.Simulated));
        Assert.Equal(1, await broker.Database.CountAsync("simulation_runs"));
    }

    [Fact]
    public async Task The_export_keeps_no_small_group_and_no_time_finer_than_a_day()
    {
        await HistoryAsync();
        using var export = _s.Analyst.Statistics.ExportStageIntervals(new ExportStageIntervalsRequest());
        var rows = new List<StageInterval>();
        while (await export.ResponseStream.MoveNext(CancellationToken.None)) rows.AddRange(export.ResponseStream.Current.Intervals);

        Assert.NotEmpty(rows);
        var oslo = TimeZoneInfo.FindSystemTimeZoneById("Europe/Oslo");
        Assert.All(rows, r =>
        {
            foreach (var time in new[] { r.OpenTime, r.CloseTime })
            {
                Assert.Equal(TimeSpan.Zero, TimeZoneInfo.ConvertTime(time.ToDateTimeOffset(), oslo).TimeOfDay);
            }

            Assert.Equal(Math.Round(r.BodyBusinessDays), r.BodyBusinessDays);
        });
        var groups = rows.GroupBy(r => (r.Stage, r.Body, Month: TimeZoneInfo.ConvertTime(r.CloseTime.ToDateTimeOffset(), oslo).ToString("yyyy-MM")));
        Assert.All(groups, g => Assert.True(g.Count() >= 5, $"{g.Key}: {g.Count()} rows"));
        // Rows of a purpose group below five lose the purpose and are cut to the week (not into the month before).
        Assert.All(rows.Where(r => r.Purpose == Purpose.Unspecified), r =>
        {
            var closed = TimeZoneInfo.ConvertTime(r.CloseTime.ToDateTimeOffset(), oslo);
            Assert.True(closed.DayOfWeek == DayOfWeek.Monday || closed.Day == 1, $"closed {closed:yyyy-MM-dd dddd}");
        });
    }

    private async Task<GetTurnaroundResponse> TurnaroundAsync(
        int threshold, string? body, Purpose? purpose = null, int? year = null, int? quarter = null)
    {
        var filter = new StatisticsFilter { SuppressionThreshold = threshold, Purpose = purpose ?? Purpose.Unspecified };
        if (year is { } y)
        {
            filter.StartDate = new Google.Type.Date { Year = y, Month = quarter is { } q ? 3 * q - 2 : 1, Day = 1 };
            filter.EndDate = new Google.Type.Date { Year = y, Month = quarter is { } r ? 3 * r : 12, Day = 1 };
        }

        if (body is not null && body.StartsWith("rek-", StringComparison.Ordinal)) filter.RekCommittee = body;
        else if (body is not null) filter.DataSource = body;
        return await _s.Analyst.Statistics.GetTurnaroundAsync(new GetTurnaroundRequest { Filter = filter });
    }

    /// <summary>
    /// What an attacker learns from published figures: each is an equation (a sum of unknown cells = the figure);
    /// a slice is determined when it is a combination of the equations, and then so is its value.
    /// </summary>
    private sealed class LinearSystem
    {
        private const double Epsilon = 1e-7;
        private readonly List<(double[] Row, double Value)> _reduced = [];

        public LinearSystem(IEnumerable<(double[] Slice, double Value)> equations, int width)
        {
            var rows = equations.Select(e => ((double[])e.Slice.Clone(), e.Value)).ToList();
            var pivot = 0;
            for (var column = 0; column < width && pivot < rows.Count; column++)
            {
                var found = rows.FindIndex(pivot, r => Math.Abs(r.Item1[column]) > Epsilon);
                if (found < 0) continue;
                (rows[pivot], rows[found]) = (rows[found], rows[pivot]);
                var (lead, leadValue) = rows[pivot];
                var scale = lead[column];
                for (var j = 0; j < width; j++) lead[j] /= scale;
                rows[pivot] = (lead, leadValue / scale);
                for (var i = 0; i < rows.Count; i++)
                {
                    var factor = rows[i].Item1[column];
                    if (i == pivot || Math.Abs(factor) < Epsilon) continue;
                    for (var j = 0; j < width; j++) rows[i].Item1[j] -= factor * rows[pivot].Item1[j];
                    rows[i] = (rows[i].Item1, rows[i].Item2 - factor * rows[pivot].Item2);
                }

                pivot++;
            }

            _reduced.AddRange(rows.Take(pivot));
        }

        /// <returns>The slice's value when the equations determine it; null when they do not.</returns>
        public double? Solve(double[] slice)
        {
            var rest = (double[])slice.Clone();
            var value = 0.0;
            foreach (var (row, rowValue) in _reduced)
            {
                var lead = Array.FindIndex(row, v => Math.Abs(v) > Epsilon);
                var factor = rest[lead];
                if (Math.Abs(factor) < Epsilon) continue;
                for (var j = 0; j < rest.Length; j++) rest[j] -= factor * row[j];
                value += factor * rowValue;
            }

            return rest.All(v => Math.Abs(v) < Epsilon) ? value : null;
        }
    }
}
