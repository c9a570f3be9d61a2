using ChatTriageBot.CodeContext;

namespace ChatTriageBot.Tests.CodeContext;

public sealed class IssueTemplateTests
{
    private const string BugForm = """
        name: Bug Report
        description: Report a bug or issue with Shop.
        title: "[Bug]: "
        body:
          - type: textarea
            id: summary
            attributes:
              label: Bug summary
              description: Describe the bug in 1-2 short sentences
            validations:
              required: true
          - type: textarea
            id: reproduction
            attributes:
              label: Code for reproduction
              render: python
          - type: input
            id: backend
            attributes:
              label: Shop Backend
              description: "From `shop.get_backend()`"
        """;

    private const string MarkdownTemplate = """
        <!-- This comments are hidden when you submit the issue,
        so you do not need to remove them! -->

        ### Description
        <!-- Provide a general description of the bug. -->

        ### System Details
        """;

    [Theory]
    [InlineData(".github/ISSUE_TEMPLATE/bug_report.yml", true)]
    [InlineData(".github/ISSUE_TEMPLATE.md", true)]
    [InlineData("docs/issue_template.md", true)]
    [InlineData(".github/PULL_REQUEST_TEMPLATE.md", false)]
    [InlineData("shop/templates/issue.html", false)]
    public void IsTemplate_ByPath(string path, bool expected) => Assert.Equal(expected, IssueTemplate.IsTemplate(path));

    [Fact]
    public void Strip_BlanksTheTemplatesLines_AndKeepsTheReportersOwn()
    {
        var template = IssueTemplate.From([BugForm, MarkdownTemplate, null]);
        const string Report = """
            [Bug]: Bug summary is lost when the backend is reset
            ### Bug summary

            Resetting the backend drops the cart's bug summary.

            ### Code for reproduction

            ```python
            cart.reset_backend()
            ```

            <!-- This comments are hidden when you submit the issue,
            so you do not need to remove them! -->
            ### Shop Backend

            _No response_
            """;

        var stripped = template.Strip(Report).Split('\n');

        Assert.Equal(Report.Split('\n').Length, stripped.Length);
        Assert.Equal("[Bug]: Bug summary is lost when the backend is reset", stripped[0]);
        Assert.Equal(
            ["Resetting the backend drops the cart's bug summary.", "```python", "cart.reset_backend()", "```"],
            stripped.Skip(1).Where(l => l.Length > 0));
    }

    [Fact]
    public void None_StripsNothing()
    {
        const string Report = "Cart total is wrong\n### Bug summary\n_No response_";

        Assert.Same(Report, IssueTemplate.None.Strip(Report));
        Assert.Same(Report, IssueTemplate.From([string.Empty, null]).Strip(Report));
        Assert.Equal(0, IssueTemplate.None.Count);
    }
}
