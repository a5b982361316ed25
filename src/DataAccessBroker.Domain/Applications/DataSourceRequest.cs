namespace DataAccessBroker.Domain.Applications;

/// <summary>The part of an application that asks one registry for data: which variables, for which cohort.</summary>
public sealed record DataSourceRequest(string DataSource, IReadOnlyList<string> Variables, string CohortCriteria)
{
    public bool Equals(DataSourceRequest? other) =>
        other is not null && DataSource == other.DataSource && CohortCriteria == other.CohortCriteria
        && Variables.SequenceEqual(other.Variables);

    public override int GetHashCode() => HashCode.Combine(DataSource, CohortCriteria, Variables.Count);
}
