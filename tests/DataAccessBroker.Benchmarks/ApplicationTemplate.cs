using DataAccessBroker.Contracts.V1;

namespace DataAccessBroker.Benchmarks;

/// <summary>
/// A complete application, as in docs/example-application.yaml: health research (so REK reviews it), REK sør-øst A,
/// Kreftregisteret and NPR with their data linked. Every client submits the same one; the broker keeps no uniqueness
/// on content, and identical payloads keep each transition's work the same from run to run.
/// </summary>
public static class ApplicationTemplate
{
    public const string RekCommittee = "rek-sor-ost-a";

    public static Application Complete() => new()
    {
        Title = "Statin use and colorectal cancer incidence",
        Summary = "Registry-based cohort study of whether long-term statin use lowers the incidence of colorectal " +
                  "cancer in adults, linking cancer diagnoses to dispensed prescriptions and hospital contacts.",
        Purpose = Purpose.HealthResearch,
        ProjectPeriod = new ProjectPeriod
        {
            StartDate = new Google.Type.Date { Year = 2026, Month = 1, Day = 1 },
            EndDate = new Google.Type.Date { Year = 2029, Month = 12, Day = 31 },
        },
        PrincipalInvestigator = new PrincipalInvestigator
        {
            Name = "Ada Forsker", Email = "ada.forsker@medisin.uio.no", Institution = "Universitetet i Oslo",
        },
        RekCommittee = RekCommittee,
        LegalBasis = "GDPR art. 6(1)(e) and 9(2)(j); helseforskningsloven § 9 and § 33; helseregisterloven § 19 a",
        SourcesLinked = true,
        DataSources =
        {
            new DataSourceRequest
            {
                DataSource = "kreftregisteret",
                Variables = { "diagnosis_date", "icd10", "morphology", "stage" },
                CohortCriteria = "Persons aged 40-80 with a colorectal cancer diagnosis (ICD-10 C18-C20) 2010-2024",
            },
            new DataSourceRequest
            {
                DataSource = "npr",
                Variables = { "contact_date", "main_diagnosis", "procedure_codes" },
                CohortCriteria = "The same persons, all somatic hospital contacts 2008-2024",
            },
        },
    };
}
