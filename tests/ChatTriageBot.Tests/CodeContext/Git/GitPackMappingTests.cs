using ChatTriageBot.CodeContext;

namespace ChatTriageBot.Tests.CodeContext;

public sealed class GitPackMappingTests
{
    [Fact]
    public void LibGit2_MapsPacksThroughSmallWindowsUnderALimit()
    {
        Assert.True(GitPackMapping.EnsureApplied(), "libgit2's git_libgit2_opts was not found");

        Assert.Equal((GitPackMapping.WindowBytes, GitPackMapping.MappedLimitBytes), GitPackMapping.Current());
    }
}
