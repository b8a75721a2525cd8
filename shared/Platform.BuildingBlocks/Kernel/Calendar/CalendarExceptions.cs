namespace Platform.BuildingBlocks.Kernel.Calendar;

/// <summary>
/// A deadline was asked about a year whose official calendar is not loaded. Deadlines are
/// never guessed from weekends alone: a wrong due date is worse than a loud failure.
/// </summary>
public sealed class CalendarYearNotLoadedException(int year)
    : Exception($"The working-day calendar for {year} is not loaded, so working days in {year} cannot be computed. " +
                $"Load the official holiday arrangement for {year} (a {year}.json file in the folder named by Calendar:Directory) and restart the node.")
{
    public int Year { get; } = year;
}

/// <summary>A calendar file is invalid; names the file and the field so an operator can fix it.</summary>
public sealed class CalendarDataException(string source, string field, string problem)
    : Exception($"Calendar file '{source}', field '{field}': {problem}")
{
    public string FileName { get; } = source;

    public string Field { get; } = field;
}
