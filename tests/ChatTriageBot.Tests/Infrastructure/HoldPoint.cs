namespace ChatTriageBot.Tests.Infrastructure;

/// <summary>Where a fake server holds a request (<see cref="FakeHttpServer.Hold"/>).</summary>
public enum HoldPoint
{
    /// <summary>Before the fake acts on it: what it asks for has not happened.</summary>
    BeforeEffect,

    /// <summary>After the fake acted on it, before the answer: it happened, and the caller has not heard so.</summary>
    AfterEffect,
}
