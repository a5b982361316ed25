namespace DataAccessBroker.Cli;

/// <summary>What dab's exit status means, so scripts can branch on it (documented in docs/dab.md).</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    public const int Failure = 1;
    public const int Usage = 2;
    public const int NotFound = 3;
    public const int InvalidInput = 4;
    public const int Refused = 5;
    public const int NotSignedIn = 6;
    public const int Unreachable = 7;
    public const int AuditBroken = 8;
}
