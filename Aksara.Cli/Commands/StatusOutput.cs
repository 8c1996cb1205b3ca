using Aksara.Cli.Output;
using Aksara.Migrations.Running;

namespace Aksara.Cli.Commands;

/// <summary>What <c>showmigrations</c> and <c>migrate --list</c> print, and the problem code of each state for <c>migrate --check</c>.</summary>
internal static class StatusOutput
{
    public static void Write(TextWriter output, IReadOnlyList<MigrationStatus> statuses, bool json)
    {
        if (json)
        {
            CliJson.Write(output, StatusReport.ToJson(statuses));
            return;
        }
        var style = TerminalStyle.For(output);
        var text = StatusReport.ToText(statuses);
        if (statuses.Count == 0)
        {
            output.WriteLine(text);
            return;
        }
        // The marker of each line in the colour of its state: applied fine, pending to do, the rest needing a look.
        foreach (var (line, status) in text.Split(Environment.NewLine).Zip(statuses))
        {
            var marker = line[..3];
            var painted = status.State switch
            {
                MigrationState.Applied => style.Success(marker),
                MigrationState.Pending => style.Attention(marker),
                _ => style.Danger(marker),
            };
            output.WriteLine(painted + line[3..]);
        }
    }

    /// <summary><c>pending</c>, <c>modified</c>, <c>down_script_modified</c>, <c>missing</c> or <c>interrupted</c>.</summary>
    public static string ProblemCode(MigrationStatus status) => status.State switch
    {
        MigrationState.Pending => "pending",
        MigrationState.Modified when status.DownModified => "down_script_modified",
        MigrationState.Modified => "modified",
        MigrationState.Missing => "missing",
        MigrationState.InProgress => "interrupted",
        _ => "applied",
    };
}
