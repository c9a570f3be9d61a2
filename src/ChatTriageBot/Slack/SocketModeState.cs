namespace ChatTriageBot.Slack;

/// <summary>What <see cref="SocketModeListener"/> reports to the readiness check.</summary>
internal enum SocketModeState
{
    /// <summary><c>Slack__Mode</c> is Http: the listener does nothing (healthy).</summary>
    NotUsed,

    /// <summary>Opening a connection (at start-up or after one was lost).</summary>
    Connecting,

    /// <summary>At least one connection said <c>hello</c> and is open.</summary>
    Connected,

    /// <summary>Slack sent <c>link_disabled</c>: Socket Mode is off in the app settings; not reconnecting.</summary>
    Disabled,

    /// <summary>Slack refused the app-level token, or connecting keeps failing.</summary>
    Failing,
}
