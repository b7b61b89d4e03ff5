namespace LandMap.Api.Writes;

/// <summary>Statements that work through a whole uploaded file (staging, checks, the write).</summary>
public static class FileStatements
{
    /// <summary>An upload's statements work through the whole file (the insert of 200,000 parcels takes
    /// tens of seconds on a busy machine), far past Npgsql's 30 s default; cancellation still stops them.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(30);
}
