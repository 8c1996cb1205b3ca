namespace Aksara;

/// <summary>
/// A script stopped on a lock timeout and is about to be tried again: which attempt failed, how long the runner waits
/// before the next, and the message it logs (naming the sessions that hold the lock).
/// </summary>
public sealed record DdlLockRetry(string ScriptName, int FailedAttempt, int Attempts, TimeSpan Delay, string Message);
