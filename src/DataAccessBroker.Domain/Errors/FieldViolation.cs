namespace DataAccessBroker.Domain.Errors;

/// <summary>One bad input field, named by its API path (e.g. <c>application.data_sources[1].data_source</c>).</summary>
public sealed record FieldViolation(string Field, string Description);
