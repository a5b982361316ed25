using DataAccessBroker.Contracts.V1;

namespace DataAccessBroker.Benchmarks;

/// <summary>
/// The application of docs/example-cross-border.yaml: Kreftregisteret at home in Norway, Landspatientregistret in
/// Denmark and the Finnish Cancer Registry in Finland, so that every application involves both peers.
/// </summary>
public static class CrossBorderTemplate
{
    public static Application Complete()
    {
        var application = ApplicationTemplate.Complete();
        application.Title = "Statin use and colorectal cancer incidence in three Nordic countries";
        application.RekReference = "REK 2026/4711";
        application.DataSources.Clear();
        application.DataSources.Add(new DataSourceRequest
        {
            DataSource = "kreftregisteret", Variables = { "diagnosis_date", "icd10", "morphology", "stage" },
            CohortCriteria = "Persons aged 40-80 with a colorectal cancer diagnosis (ICD-10 C18-C20) 2010-2024",
        });
        application.DataSources.Add(new DataSourceRequest
        {
            DataSource = "landspatientregistret", Variables = { "contact_date", "action_diagnosis", "procedure_codes" },
            CohortCriteria = "Persons aged 40-80 with a colorectal cancer diagnosis (ICD-10 DC18-DC20) 2008-2024",
        });
        application.DataSources.Add(new DataSourceRequest
        {
            DataSource = "syoparekisteri", Variables = { "diagnosis_date", "icd10", "morphology", "stage" },
            CohortCriteria = "Persons aged 40-80 with a colorectal cancer diagnosis (ICD-10 C18-C20) 2010-2024",
        });
        return application;
    }
}
