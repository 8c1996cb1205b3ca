using System.Runtime.InteropServices;

namespace Aksara.Tests.Starter;

/// <summary>What a service manager sends to stop an app gracefully; .NET's Process API can only kill.</summary>
internal static class UnixSignal
{
    private const int SigTerm = 15;

    /// <summary>Sends SIGTERM to <paramref name="processId"/>; false (with the errno in <see cref="Marshal.GetLastPInvokeError"/>) if it could not.</summary>
    public static bool Terminate(int processId) => Kill(processId, SigTerm) == 0;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int processId, int signal);
}
