using System.Text.Json;

namespace DataAccessBroker.Cli.Connection;

/// <summary>
/// Where `dab login` keeps the token: DAB_TOKEN_FILE, else $XDG_CONFIG_HOME/dab/session.json, else
/// ~/.config/dab/session.json. DAB_TOKEN, when set, is used instead of any file.
/// </summary>
public static class SessionStore
{
    public static string Path =>
        Environment.GetEnvironmentVariable("DAB_TOKEN_FILE") is { Length: > 0 } file
            ? file
            : System.IO.Path.Combine(
                Environment.GetEnvironmentVariable("XDG_CONFIG_HOME") is { Length: > 0 } config
                    ? config
                    : System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config"),
                "dab", "session.json");

    public static void Save(Session session)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        File.WriteAllText(Path, JsonSerializer.Serialize(session));
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(Path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    public static string? Token() =>
        Environment.GetEnvironmentVariable("DAB_TOKEN") is { Length: > 0 } token ? token : Load()?.Token;

    public static Session? Load() =>
        File.Exists(Path) ? JsonSerializer.Deserialize<Session>(File.ReadAllText(Path)) : null;
}

public sealed record Session(string User, string Token);
