using ChatTriageBot.CodeContext;
using ChatTriageBot.Tests.Infrastructure;
using LibGit2Sharp;

namespace ChatTriageBot.Tests.CodeContext;

public sealed class PackOrderTests : IDisposable
{
    private readonly TestRepository _repo = new TestRepository();

    public void Dispose() => _repo.Dispose();

    [Fact]
    public async Task Blobs_AreSortedAsThePackStoresThem()
    {
        var blobs = await PackedBlobsAsync(files: 40);
        var expected = await OffsetsAsync();
        var byPath = blobs.OrderBy(b => b.Path, StringComparer.Ordinal).ToList();

        var sorted = PackOrder.Sort(GitDirectory, byPath, b => b.BlobId);

        Assert.Equal(byPath.Count, sorted.Count);
        Assert.Equal(byPath.Select(b => b.BlobId).OrderBy(id => expected[id]), sorted.Select(b => b.BlobId));
        Assert.NotEqual(byPath.Select(b => b.BlobId), sorted.Select(b => b.BlobId)); // the test would prove nothing otherwise
    }

    [Fact]
    public async Task LargeOffsets_AreRead()
    {
        var blobs = await PackedBlobsAsync(files: 20);
        var expected = await OffsetsAsync();
        // Rewrite the index with every offset above 0 in its table of 64-bit offsets, as a pack over 2 GB has them.
        var pack = Directory.GetFiles(Path.Combine(GitDirectory, "objects", "pack"), "*.pack").Single();
        File.Delete(Path.ChangeExtension(pack, ".idx"));
        await GitAsync("index-pack", "--index-version=2,0", pack);

        var sorted = PackOrder.Sort(GitDirectory, blobs, b => b.BlobId);

        Assert.Equal(blobs.Select(b => b.BlobId).OrderBy(id => expected[id]), sorted.Select(b => b.BlobId));
    }

    [Fact]
    public async Task LooseBlobs_ComeLast_InTheOrderGiven()
    {
        var packed = await PackedBlobsAsync(files: 10);
        _repo.WriteFile("zz/late_one.py", "def late_one():\n    return 1\n").WriteFile("aa/late_two.py", "def late_two():\n    return 2\n").Commit("loose");
        using var repository = new Repository(_repo.Path);
        var loose = new[] { "zz/late_one.py", "aa/late_two.py" }
            .Select(p => (Path: p, BlobId: repository.Head.Tip[p].Target.Sha)).ToList();

        var sorted = PackOrder.Sort(GitDirectory, [.. loose, .. packed], b => b.BlobId);

        Assert.Equal(loose, sorted.TakeLast(2));
        Assert.Equal(packed.Select(b => b.BlobId).ToHashSet(), sorted.Take(packed.Count).Select(b => b.BlobId).ToHashSet());
    }

    [Fact]
    public void ARepositoryWithoutPacks_KeepsTheOrderGiven()
    {
        _repo.WriteFile("b.py", "b = 2\n").WriteFile("a.py", "a = 1\n").Commit();
        using var repository = new Repository(_repo.Path);
        var blobs = new[] { "b.py", "a.py" }.Select(p => (Path: p, BlobId: repository.Head.Tip[p].Target.Sha)).ToList();

        Assert.Equal(blobs, PackOrder.Sort(GitDirectory, blobs, b => b.BlobId));
    }

    [Fact]
    public async Task ADamagedPackIndex_IsIgnored_AndNothingIsLost()
    {
        var blobs = await PackedBlobsAsync(files: 10);
        var index = Directory.GetFiles(Path.Combine(GitDirectory, "objects", "pack"), "*.idx").Single();
        File.WriteAllBytes(index, File.ReadAllBytes(index)[..1200]);
        var given = blobs.Append((Path: "not-an-id", BlobId: "not hex")).ToList();

        Assert.Equal(given, PackOrder.Sort(GitDirectory, given, b => b.BlobId));
    }

    private string GitDirectory => Path.Combine(_repo.Path, ".git");

    /// <summary>Commits <paramref name="files"/> files in several commits, packs everything, and returns their blobs.</summary>
    private async Task<List<(string Path, string BlobId)>> PackedBlobsAsync(int files)
    {
        for (var i = 0; i < files; i++)
        {
            _repo.WriteFile($"pkg{i % 4}/module_{i:D2}.py", $"def handler_{i}(value):\n    return value * {i} + {string.Join(" + ", Enumerable.Range(0, i))}0\n");
            if (i % 5 == 4)
            {
                _repo.Commit($"add modules up to {i}");
            }
        }

        _repo.Commit("the rest");
        await GitAsync("repack", "-a", "-d", "-q");
        using var repository = new Repository(_repo.Path);
        return [.. Enumerable.Range(0, files).Select(i => $"pkg{i % 4}/module_{i:D2}.py").Select(p => (p, repository.Head.Tip[p].Target.Sha))];
    }

    /// <summary>Every object's offset in the pack, as git itself reads the pack index.</summary>
    private async Task<Dictionary<string, long>> OffsetsAsync()
    {
        var index = Directory.GetFiles(Path.Combine(GitDirectory, "objects", "pack"), "*.idx").Single();
        var listing = await GitAsync("verify-pack", "-v", index);
        return listing.Split('\n')
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(fields => fields.Length >= 5 && fields[0].Length == 40)
            .ToDictionary(fields => fields[0], fields => long.Parse(fields[4], System.Globalization.CultureInfo.InvariantCulture));
    }

    private async Task<string> GitAsync(params string[] arguments)
    {
        var result = await GitCommand.RunAsync(["-C", _repo.Path, .. arguments], TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
        Assert.True(result.Succeeded, result.ErrorSummary);
        return result.StandardOutput;
    }
}
