using System.CommandLine;
using Aksara.Cli.Output;
using Aksara.Migrations;
using Aksara.Migrations.Running;

namespace Aksara.Cli.Commands;

/// <summary>Carries out a <see cref="ShowMigrationsRequest"/>: reads each migration's status with the library's <see cref="MigrationRunner"/>.</summary>
internal sealed class ShowMigrationsHandler(InvocationConfiguration console)
{
    public async Task<int> RunAsync(ShowMigrationsRequest request, CancellationToken cancellationToken)
    {
        try
        {
            var environment = MigrationEnvironment.Load(request.MigrationsDir, request.DatabaseUrl);
            await using var database = await environment.OpenDatabaseAsync(cancellationToken).ConfigureAwait(false);
            if (environment.LocalDevelopmentDatabaseUrl is { } localUrl)
                console.Error.WriteLine($"Using this project's local development database {localUrl} (DATABASE_URL is not set).");
            var runner = MigrationRunner.For(database).FromDirectory(environment.Directory.Path).Build();
            var statuses = await runner.GetStatusAsync(cancellationToken).ConfigureAwait(false);
            StatusOutput.Write(console.Output, statuses, request.Json);
            return ExitCodes.Success;
        }
        catch (AksaraException ex)
        {
            return ExitCodes.Report(ex, console, request.Json);
        }
    }
}
