using ChatTriageBot.Hosting;

if (CommandLine.IsCommand(args))
{
    return await CommandLine.RunAsync(args);
}

var builder = ChatTriageBotBuilder.CreateBuilder(args);
builder.AddChatTriageBot();
var app = builder.Build();
app.MapChatTriageBot();
return await app.RunChatTriageBotAsync();
