namespace DataAccessBroker.Domain.Applications;

/// <summary>AIP-122 resource names: <c>applications/{id}</c> and <c>applications/{id}/tasks/{task}</c>.</summary>
public static class ResourceNames
{
    public static string Application(Guid id) => $"applications/{id}";

    public static string Task(Guid applicationId, Guid taskId) => $"applications/{applicationId}/tasks/{taskId}";

    public static bool TryParseApplication(string? name, out Guid id)
    {
        id = Guid.Empty;
        var parts = (name ?? "").Split('/');
        return parts.Length == 2 && parts[0] == "applications" && Guid.TryParse(parts[1], out id);
    }

    public static bool TryParseTask(string? name, out Guid applicationId, out Guid taskId)
    {
        applicationId = taskId = Guid.Empty;
        var parts = (name ?? "").Split('/');
        return parts.Length == 4 && parts[0] == "applications" && parts[2] == "tasks"
            && Guid.TryParse(parts[1], out applicationId) && Guid.TryParse(parts[3], out taskId);
    }
}
