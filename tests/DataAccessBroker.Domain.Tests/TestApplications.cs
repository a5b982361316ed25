using DataAccessBroker.Domain.Applications;
using DataAccessBroker.Domain.Catalog;

namespace DataAccessBroker.Domain.Tests;

/// <summary>Builds applications and drives them to any state through the public intent methods only.</summary>
internal static class TestApplications
{
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    public static readonly CatalogSnapshot SeededCatalog = new(CatalogSeed.DataSources, CatalogSeed.RekCommittees, CatalogSeed.Norway);
    public static readonly Actor Researcher = new("ada", "Ada", "Applicant", "uio");
    public static readonly Actor Reviewer = new("rita", "Rita", "RekReviewer", "rek-vest");

    public static ApplicationDetails CompleteDetails(Purpose purpose = Purpose.HealthResearch, params string[] sources) =>
        new()
        {
            Title = "Statins and colorectal cancer",
            Summary = "Cohort study of statin use and colorectal cancer incidence.",
            Purpose = purpose,
            ProjectStart = new DateOnly(2026, 1, 1),
            ProjectEnd = new DateOnly(2029, 12, 31),
            PrincipalInvestigator = new PrincipalInvestigator("Ada Forsker", "ada@uio.no", "Universitetet i Oslo"),
            RekCommittee = purpose.RequiresRekReview() ? "rek-vest" : "",
            DataSources = (sources.Length == 0 ? ["kreftregisteret", "npr", "reseptregisteret"] : sources)
                .Select(s => new DataSourceRequest(s, ["diagnosis_date", "icd10"], "Adults 40-80, 2010-2024")).ToList(),
            LegalBasis = "GDPR art. 6(1)(e) and 9(2)(j); helseregisterloven § 19 a",
        };

    public static DataAccessApplication Draft(ApplicationDetails? details = null) =>
        DataAccessApplication.CreateDraft(Guid.NewGuid(), Researcher, details ?? CompleteDetails(), Start);

    public static IEnumerable<StageTask> OpenTasks(this DataAccessApplication a) =>
        a.Tasks.Where(t => t.Status == StageTaskStatus.Open).ToList();

    /// <summary>Approves (or, in delivery, delivers) every open task of the current stage.</summary>
    public static void CompleteStage(this DataAccessApplication a)
    {
        foreach (var task in a.OpenTasks())
        {
            if (task.Stage == Stage.DataDelivery) a.MarkDelivered(task.Id, Reviewer, null, Start);
            else a.ApproveTask(task.Id, Reviewer, "ok", task.Stage == Stage.HdsDecision ? "no linkage outside TSD" : null, Start);
        }
    }

    public static DataAccessApplication InState(ApplicationState state)
    {
        var a = Draft();
        switch (state)
        {
            case ApplicationState.Draft:
                break;
            case ApplicationState.RekReview:
                a.Submit(Researcher, SeededCatalog, Start);
                break;
            case ApplicationState.DataOwnerReview:
            case ApplicationState.HdsDecision:
            case ApplicationState.DataDelivery:
            case ApplicationState.Delivered:
                a.Submit(Researcher, SeededCatalog, Start);
                while (a.State != state) a.CompleteStage();
                break;
            case ApplicationState.AwaitingApplicant:
                a.Submit(Researcher, SeededCatalog, Start);
                a.RequestChanges(a.OpenTasks().First().Id, Reviewer, "clarify the cohort", Start);
                break;
            case ApplicationState.Rejected:
                a.Submit(Researcher, SeededCatalog, Start);
                a.RejectTask(a.OpenTasks().First().Id, Reviewer, "no ethics basis", Start);
                break;
            case ApplicationState.Withdrawn:
                a.Submit(Researcher, SeededCatalog, Start);
                a.Withdraw(Researcher, "project cancelled", Start);
                break;
            case ApplicationState.Lapsed:
                a.Submit(Researcher, SeededCatalog, Start);
                a.RequestChanges(a.OpenTasks().First().Id, Reviewer, "clarify the cohort", Start);
                a.Lapse(Start);
                break;
        }

        Assert.Equal(state, a.State);
        return a;
    }
}
