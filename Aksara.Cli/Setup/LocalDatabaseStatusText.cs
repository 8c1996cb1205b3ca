using System.Globalization;

namespace Aksara.Cli.Setup;

/// <summary>How <c>aksara dbsetup --local</c> and <c>aksara db</c> describe the local development database.</summary>
internal static class LocalDatabaseStatusText
{
    public static string Describe(this LocalDatabaseStatus status) => status.State switch
    {
        LocalDatabaseState.Running => string.Create(CultureInfo.InvariantCulture, $"running on 127.0.0.1:{status.Port} (data in {status.DataDirectory})"),
        LocalDatabaseState.Stopped => $"stopped (data in {status.DataDirectory}); start it with aksara db start",
        _ => "not created; create it with aksara dbsetup --local",
    };
}
