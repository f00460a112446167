using System.Globalization;
using Appliance.CallCenter.Dialer;
using Appliance.DialerSimulation;

// Runs the dialer over a simulated shift in progressive mode and in predictive mode on the same
// people model and seed, prints both, and ends with the line tools/bench/dialer.sh reports.
// Arguments: --agents N (20), --hours H (8), --seed S (1), --seeds K (1: the figures are then
// pooled over seeds S..S+K-1), --hold S (0: seconds an answer waits for an agent before it is
// abandoned), and the predictive settings --target R (0.03), --smoothing A,
// --window N, --aim F, --gain G, --scale S, --scenarios N (see PredictivePacingOptions).
var agents = 20;
var hours = 8.0;
var seed = 1;
var seeds = 1;
var options = new PredictivePacingOptions();
var hold = TimeSpan.Zero;
for (var i = 0; i + 1 < args.Length; i += 2)
{
    var value = args[i + 1];
    switch (args[i])
    {
        case "--agents":
            agents = int.Parse(value, CultureInfo.InvariantCulture);
            break;
        case "--hours":
            hours = double.Parse(value, CultureInfo.InvariantCulture);
            break;
        case "--seed":
            seed = int.Parse(value, CultureInfo.InvariantCulture);
            break;
        case "--seeds":
            seeds = int.Parse(value, CultureInfo.InvariantCulture);
            break;
        case "--target":
            options = options with { TargetAbandonRate = Number(value) };
            break;
        case "--smoothing":
            options = options with { Smoothing = Number(value) };
            break;
        case "--window":
            options = options with { FeedbackWindow = int.Parse(value, CultureInfo.InvariantCulture) };
            break;
        case "--aim":
            options = options with { FeedbackAim = Number(value) };
            break;
        case "--scale":
            options = options with { InitialScale = Number(value) };
            break;
        case "--hold":
            hold = TimeSpan.FromSeconds(Number(value));
            break;
        case "--scenarios":
            options = options with { ForecastScenarios = int.Parse(value, CultureInfo.InvariantCulture) };
            break;
        case "--gain":
            options = options with { FeedbackGain = Number(value) };
            break;
        default:
            Console.Error.WriteLine($"dialer-sim: unknown argument {args[i]}");
            return 2;
    }
}

var runs = new List<(SimulationResult Progressive, SimulationResult Predictive)>();
var watch = System.Diagnostics.Stopwatch.StartNew();
for (var s = seed; s < seed + seeds; s++)
{
    var settings = new SimulationSettings
    {
        Agents = agents,
        Shift = TimeSpan.FromHours(hours),
        Seed = s,
        Predictive = options,
        AbandonHold = hold,
    };
    runs.Add((DialerSimulation.Run(settings with { Mode = DialingMode.Progressive }),
        DialerSimulation.Run(settings with { Mode = DialingMode.Predictive })));
}

var model = new ContactModel();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"dialer-sim: {agents} agents, {hours} h shift, seeds {seed}..{seed + seeds - 1}, target abandon {options.TargetAbandonRate:P1}; " +
    $"model: live {model.AnswerProbability:P0}, machine {model.MachineProbability:P0}, " +
    $"ring {model.RingMin.TotalSeconds}-{model.RingMax.TotalSeconds} s, talk log-normal mean " +
    $"{model.TalkMean.TotalSeconds} s sd {model.TalkDeviation.TotalSeconds} s, " +
    $"wrap-up {model.WrapUpMin.TotalSeconds}-{model.WrapUpMax.TotalSeconds} s"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{"seed",4} {"mode",-11} {"dials",6} {"live",6} {"aband",6} {"aband%",7} {"occup%",7} " +
    $"{"talk min/agent-h",16} {"threshold",9} {"forecast",8}"));
foreach (var (index, run) in runs.Index())
{
    foreach (var r in new[] { run.Progressive, run.Predictive })
    {
        var threshold = double.IsNaN(r.FinalThreshold)
            ? "-"
            : r.FinalThreshold.ToString("P2", CultureInfo.InvariantCulture);
        var forecast = double.IsNaN(r.ForecastAbandons)
            ? "-"
            : r.ForecastAbandons.ToString("F1", CultureInfo.InvariantCulture);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{seed + index,4} {r.Mode,-11} {r.Dials,6} {r.LiveAnswers,6} {r.Abandoned,6} {r.AbandonRate * 100,7:F2} " +
            $"{r.Occupancy * 100,7:F1} {r.TalkMinutesPerAgentHour,16:F1} {threshold,9} {forecast,8}"));
    }
}

var abandoned = runs.Sum(r => r.Predictive.Abandoned);
var live = runs.Sum(r => r.Predictive.LiveAnswers);
var abandonRate = live == 0 ? 0 : (double)abandoned / live;
var occupancy = runs.Average(r => r.Predictive.Occupancy);
var gain = runs.Sum(r => r.Predictive.TalkTime.TotalSeconds)
    / runs.Sum(r => r.Progressive.TalkTime.TotalSeconds) - 1;
var forecastAbandons = runs.Sum(r => r.Predictive.ForecastAbandons);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"dialer-sim: progressive occupancy {runs.Average(r => r.Progressive.Occupancy) * 100:F1} %, " +
    $"simulated in {watch.Elapsed.TotalSeconds:F2} s wall"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"dialer-sim: abandons forecast {forecastAbandons:F1}, measured {abandoned}, hold {hold.TotalSeconds} s"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"dialer: abandon {abandonRate * 100:F2} %, occupancy {occupancy * 100:F1} %, gain {gain * 100:F1} % over progressive"));
return 0;

static double Number(string text) => double.Parse(text, CultureInfo.InvariantCulture);
