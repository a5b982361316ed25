namespace DataAccessBroker.Domain.Applications;

/// <summary>Etags are the stored version, quoted; clients treat them as opaque.</summary>
public static class Etags
{
    public static string Format(int version) => $"\"{version}\"";
}
