using System.Security.Cryptography;
using ChatTriageBot.Storage;
using Microsoft.Extensions.Options;

namespace ChatTriageBot.Jobs;

/// <summary>
/// Who this process is in the job table: an instance id kept across restarts (<c>Jobs__InstanceId</c>, or one written
/// once to <c>Data__Directory/instance-id</c>) and an id of this run. A lease owner is <c>instance/run</c>, so a
/// process that restarts can tell its previous run's leases (same instance, another run) and take them back at once
/// instead of waiting for them to run out.
/// </summary>
/// <remarks>
/// The kept id is claimed with a lock file held open for the life of the process. Should another live process already
/// hold it (two bots started on one data directory), this one runs under a fresh id and takes back nothing: taking
/// back a live process's leases would run its jobs twice.
/// </remarks>
internal sealed class WorkerIdentity : IDisposable
{
    private const string FileName = "instance-id";
    private readonly FileStream? _lock;

    public WorkerIdentity(IOptions<JobsOptions> jobs, IOptions<DataOptions> data, ILogger<WorkerIdentity> logger)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        ArgumentNullException.ThrowIfNull(data);
        RunId = NewId();
        if (jobs.Value.InstanceId is { Length: > 0 } configured)
        {
            InstanceId = configured;
            Owns = true;
        }
        else
        {
            (InstanceId, Owns, _lock) = Claim(data.Value.FullPath, logger);
        }
    }

    /// <summary>This process's instance, kept across restarts.</summary>
    public string InstanceId { get; }

    /// <summary>This run of it.</summary>
    public string RunId { get; }

    /// <summary>Whether leases of <see cref="InstanceId"/>'s other runs are this process's own to take back (false when another live process holds the id).</summary>
    public bool Owns { get; }

    /// <summary>The lease owner of this run's leases.</summary>
    public string Owner => $"{InstanceId}/{RunId}";

    /// <summary>What every lease of this instance (any run) starts with.</summary>
    public string InstancePrefix => InstanceId + "/";

    public void Dispose() => _lock?.Dispose();

    private static (string Id, bool Owns, FileStream? Lock) Claim(string directory, ILogger logger)
    {
        try
        {
            Directory.CreateDirectory(directory);
            var path = Path.Combine(directory, FileName);
            // FileShare.None takes an exclusive lock the operating system drops when the process dies, even by SIGKILL.
            var held = new FileStream(path + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            try
            {
                var kept = File.Exists(path) ? File.ReadAllText(path).Trim() : string.Empty;
                if (kept.Length is 0 or > 64 || kept.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_')))
                {
                    kept = Fresh();
                    File.WriteAllText(path, kept);
                }

                return (kept, true, held);
            }
            catch
            {
                held.Dispose();
                throw;
            }
        }
        catch (IOException exception)
        {
            // Held by another live process on this data directory, or the directory is not writable: run under a
            // fresh id that owns no earlier leases.
            JobsLog.InstanceIdShared(logger, exception.Message);
            return (Fresh(), false, null);
        }
        catch (UnauthorizedAccessException exception)
        {
            JobsLog.InstanceIdShared(logger, exception.Message);
            return (Fresh(), false, null);
        }
    }

    /// <summary>A new instance id: the host's name (as far as it is made of allowed characters) and a random part.</summary>
    private static string Fresh()
    {
        var host = new string([.. Environment.MachineName.ToLowerInvariant().Where(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_')]);
        return $"{(host.Length > 40 ? host[..40] : host)}-{NewId()}";
    }

    private static string NewId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
}
