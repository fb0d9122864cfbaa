using System.Text.RegularExpressions;

namespace ClientVpnExporter.EndToEnd.Tests.Image;

/// <summary>One instruction of a Dockerfile: its keyword and its arguments, continuation lines joined.</summary>
internal sealed record Instruction(string Keyword, string Arguments);

/// <summary>A stage of a Dockerfile: FROM's image and name, and the instructions after it.</summary>
internal sealed record Stage(string From, string? Name, string? Platform, IReadOnlyList<Instruction> Instructions)
{
    public IEnumerable<string> All(string keyword) =>
        this.Instructions.Where(i => i.Keyword == keyword).Select(i => i.Arguments);
}

/// <summary>The repository's Dockerfile, read as BuildKit reads it: comments dropped, continuations joined.</summary>
internal static partial class Dockerfile
{
    public static IReadOnlyList<Instruction> Parse(string text)
    {
        var instructions = new List<Instruction>();
        var current = "";
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (current.Length == 0 && (line.TrimStart().StartsWith('#') || line.Trim().Length == 0))
            {
                continue;
            }

            if (line.EndsWith('\\'))
            {
                current += line[..^1] + " ";
                continue;
            }

            current += line;
            var match = InstructionPattern().Match(current.Trim());
            Assert.True(match.Success, $"Not a Dockerfile instruction: {current}");
            instructions.Add(new Instruction(match.Groups[1].Value.ToUpperInvariant(), Regex.Replace(match.Groups[2].Value.Trim(), @"\s+", " ")));
            current = "";
        }

        return instructions;
    }

    /// <summary>The global ARGs (before the first FROM) and the stages.</summary>
    public static (IReadOnlyList<Instruction> GlobalArgs, IReadOnlyList<Stage> Stages) Stages(string text)
    {
        var globalArgs = new List<Instruction>();
        var stages = new List<Stage>();
        List<Instruction>? body = null;
        foreach (var instruction in Parse(text))
        {
            if (instruction.Keyword == "FROM")
            {
                var match = FromPattern().Match(instruction.Arguments);
                Assert.True(match.Success, instruction.Arguments);
                body = [];
                stages.Add(new Stage(
                    match.Groups["image"].Value,
                    match.Groups["name"].Success ? match.Groups["name"].Value : null,
                    match.Groups["platform"].Success ? match.Groups["platform"].Value : null,
                    body));
            }
            else if (body is null)
            {
                globalArgs.Add(instruction);
            }
            else
            {
                body.Add(instruction);
            }
        }

        return (globalArgs, stages);
    }

    [GeneratedRegex(@"^([A-Za-z]+)\s+(.*)$")]
    private static partial Regex InstructionPattern();

    [GeneratedRegex(@"^(--platform=(?<platform>\S+)\s+)?(?<image>\S+)(\s+AS\s+(?<name>\S+))?$", RegexOptions.IgnoreCase)]
    private static partial Regex FromPattern();
}
