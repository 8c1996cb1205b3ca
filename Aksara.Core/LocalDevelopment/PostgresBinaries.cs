namespace Aksara.LocalDevelopment;

/// <summary>Where to look for the server binaries; tests point it at empty places.</summary>
internal sealed record PostgresBinarySearch(string? PathVariable, string VersionedInstallRoot)
{
    /// <summary>PATH, then pg_config on PATH, then Debian/Ubuntu's side-by-side installs.</summary>
    public static PostgresBinarySearch Default { get; } =
        new(Environment.GetEnvironmentVariable("PATH"), "/usr/lib/postgresql");

    /// <summary>The one folder to use instead of searching, such as a particular major version's bin folder.</summary>
    public string? BinDirectory { get; init; }

    /// <summary>Where <see cref="BinDirectory"/> came from (an environment variable), named when it is wrong.</summary>
    public string? BinDirectorySource { get; init; }
}

/// <summary>The directory holding initdb and pg_ctl, and how to run them.</summary>
internal sealed class PostgresBinaries
{
    /// <summary>PostgreSQL refuses to run as root, so root runs the binaries as this OS user.</summary>
    public const string ServerOsUser = "postgres";

    static readonly string s_exeSuffix = OperatingSystem.IsWindows() ? ".exe" : "";

    PostgresBinaries(string binDirectory) => BinDirectory = binDirectory;

    public string BinDirectory { get; }

    public static async Task<PostgresBinaries> LocateAsync(PostgresBinarySearch search, CancellationToken cancellationToken)
    {
        if (search.BinDirectory is { } chosen)
        {
            // A folder someone named is never silently replaced by another version found elsewhere.
            if (IsServerBinDirectory(chosen))
                return new(Path.GetFullPath(chosen));
            throw new AksaraException(
                $"{search.BinDirectorySource ?? "The PostgreSQL bin folder"} is '{chosen}', which does not contain " +
                $"initdb and pg_ctl. Point it at the bin folder of a PostgreSQL server install " +
                "(for example /usr/lib/postgresql/15/bin, or a folder printed by .ci/postgres-versions), or unset it to search PATH.");
        }

        var pathDirectories = (search.PathVariable ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

        foreach (var directory in pathDirectories)
        {
            var initdb = Path.Combine(directory, "initdb" + s_exeSuffix);
            if (!File.Exists(initdb))
                continue;
            // Homebrew and hand-made setups put symlinks on PATH; pg_ctl and postgres
            // live next to the real initdb, not necessarily next to the link.
            var target = File.ResolveLinkTarget(initdb, returnFinalTarget: true)?.FullName;
            if (target is not null && IsServerBinDirectory(Path.GetDirectoryName(target)!))
                return new(Path.GetDirectoryName(target)!);
            if (IsServerBinDirectory(directory))
                return new(directory);
        }

        // pg_config ships with the client/dev packages too, so its bindir may lack initdb.
        foreach (var directory in pathDirectories)
        {
            var pgConfig = Path.Combine(directory, "pg_config" + s_exeSuffix);
            if (!File.Exists(pgConfig))
                continue;
            var result = await ProcessRunner.TryRunAsync(pgConfig, ["--bindir"], cancellationToken).ConfigureAwait(false);
            if (result is { Succeeded: true } && IsServerBinDirectory(result.Value.StandardOutput.Trim()))
                return new(result.Value.StandardOutput.Trim());
            break;
        }

        if (Directory.Exists(search.VersionedInstallRoot))
        {
            var newest = Directory.EnumerateDirectories(search.VersionedInstallRoot)
                .Select(d => (Directory: Path.Combine(d, "bin"), Version: ParseVersion(Path.GetFileName(d))))
                .Where(c => c.Version is not null && IsServerBinDirectory(c.Directory))
                .OrderByDescending(c => c.Version)
                .FirstOrDefault();
            if (newest.Directory is not null)
                return new(newest.Directory);
        }

        throw new AksaraException(
            "PostgreSQL server binaries (initdb, pg_ctl) were not found on PATH, via 'pg_config --bindir', " +
            $"or under {search.VersionedInstallRoot}/*/bin. Install PostgreSQL " +
            "('apt-get install postgresql' on Debian/Ubuntu, 'brew install postgresql' on macOS), " +
            "or point DATABASE_URL at an existing server.");
    }

    public string PathOf(string tool) => Path.Combine(BinDirectory, tool + s_exeSuffix);

    /// <summary>Runs a server binary, as the postgres OS user when we are root.</summary>
    public Task<ProcessResult> RunAsync(string tool, IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        if (!ProcessRunner.IsRoot)
            return ProcessRunner.RunAsync(PathOf(tool), arguments, cancellationToken);

        // runuser is util-linux's su without PAM prompts; root's PATH may lack sbin.
        var runuser = new[] { "/usr/sbin/runuser", "/sbin/runuser", "/usr/bin/runuser" }.FirstOrDefault(File.Exists);
        return runuser is not null
            ? ProcessRunner.RunAsync(runuser, ["-u", ServerOsUser, "--", PathOf(tool), .. arguments], cancellationToken)
            // The script only re-executes its own arguments, so no path is ever parsed by the shell.
            : ProcessRunner.RunAsync("su", ["-s", "/bin/sh", "-c", "exec \"$0\" \"$@\"", "--", ServerOsUser, PathOf(tool), .. arguments], cancellationToken);
    }

    static bool IsServerBinDirectory(string directory)
        => File.Exists(Path.Combine(directory, "initdb" + s_exeSuffix))
           && File.Exists(Path.Combine(directory, "pg_ctl" + s_exeSuffix));

    static Version? ParseVersion(string name)
        => Version.TryParse(name.Contains('.') ? name : name + ".0", out var version) ? version : null;
}
