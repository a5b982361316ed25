using System.Globalization;
using static DataAccessBroker.IntegrationTests.ReportDocument;

namespace DataAccessBroker.IntegrationTests;

/// <summary>The report of a broker whose database holds simulated history (dab simulate), end to end.</summary>
public sealed class SimulatedReportTests(SimulatedHistoryFixture simulated) : IClassFixture<SimulatedHistoryFixture>
{
    [Fact]
    public void A_simulated_history_can_never_pass_for_a_real_one()
    {
        var report = new ReportDocument(simulated.Report);

        Assert.StartsWith("SIMULATED HISTORY – ", report.Title);
        Assert.Contains("never report them as real", report.ById("simulated").Value);
        Assert.StartsWith("SIMULATED", report.ById("scope-history").Value);
    }

    [Fact]
    public void Every_Kaplan_Meier_median_is_at_least_its_cohorts_closed_median_and_the_allowances_are_marked()
    {
        var report = new ReportDocument(simulated.Report);

        var compared = Table(report.ById("kaplan-meier"))
            .Where(r => r["Opened in period"] != "suppressed" && r["Kaplan–Meier median"] != "–" && r["Closed median (this cohort)"] != "–")
            .ToList();
        Assert.NotEmpty(compared);
        Assert.All(compared, r => Assert.True(Days(r["Kaplan–Meier median"]) >= Days(r["Closed median (this cohort)"]),
            $"{r["Stage · body"]}: Kaplan–Meier {r["Kaplan–Meier median"]} below the closed median {r["Closed median (this cohort)"]}"));
        Assert.Contains("SLA ≈ 43 bd = 60 calendar days", Labels(report.ById("km-rek-review")));
        Assert.Contains("SLA 30 bd", Labels(report.ById("km-data-owner-review")));
        Assert.Contains("SLA 60 bd (linked sources)", Labels(report.ById("km-data-owner-review")));
    }

    private static double Days(string cell) => double.Parse(cell, CultureInfo.InvariantCulture);

    private static List<string> Labels(System.Xml.Linq.XElement figure) => [.. Descendants(figure, "text").Select(t => t.Value)];
}
