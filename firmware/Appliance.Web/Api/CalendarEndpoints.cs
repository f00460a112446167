using System.Globalization;
using Appliance.CallCenter.Calendar;
using Appliance.Storage;
using Appliance.Storage.Rows;
using Appliance.Storage.Web;
using Appliance.Web.Calendar;
using Appliance.Web.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Appliance.Web.Api;

/// <summary>
/// The business-hours page's API: named weekly schedules and holidays, one row at a time. Each
/// change is checked field by field, stored, and handed to the IVR so the next call's flow
/// conditions read it; a change that would leave a running flow naming a missing schedule is
/// undone and answered naming the flow.
/// </summary>
internal static class CalendarEndpoints
{
    private static readonly (string Field, DayOfWeek Day)[] s_days =
    [
        ("monday", DayOfWeek.Monday), ("tuesday", DayOfWeek.Tuesday), ("wednesday", DayOfWeek.Wednesday),
        ("thursday", DayOfWeek.Thursday), ("friday", DayOfWeek.Friday), ("saturday", DayOfWeek.Saturday),
        ("sunday", DayOfWeek.Sunday),
    ];

    public static void Map(IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/admin").RequireAuthorization(Roles.AdminPolicy).WithTags("Admin");

        admin.MapGet("/calendar", (WebStore store, ICalendarConfiguration calendar, TimeProvider time) =>
            Results.Ok(new
            {
                schedules = store.Schedules(),
                holidays = store.Holidays(),
                appliesAtOnce = calendar.AppliesAtOnce,
                timeZone = store.StoredTimeZone()?.Id,
                machineTimeZone = time.LocalTimeZone.Id,
            }));
        admin.MapPost("/time-zone", SaveTimeZone).AddEndpointFilter<CsrfFilter>();
        admin.MapPost("/schedules", SaveSchedule).AddEndpointFilter<CsrfFilter>();
        admin.MapDelete("/schedules/{name}", DeleteSchedule).AddEndpointFilter<CsrfFilter>();
        admin.MapPost("/holidays", SaveHoliday).AddEndpointFilter<CsrfFilter>();
        admin.MapDelete("/holidays/{date}", DeleteHoliday).AddEndpointFilter<CsrfFilter>();
    }

    private static IResult SaveSchedule(
        HttpContext http,
        ScheduleRequest form,
        WebStore store,
        AuditTrail audit,
        ICalendarConfiguration calendar)
    {
        var errors = new FieldErrors();
        var name = errors.Required("name", form.Name, 40);
        Validators.Name(errors, "name", name);
        var texts = new[] { form.Monday, form.Tuesday, form.Wednesday, form.Thursday, form.Friday, form.Saturday,
            form.Sunday };
        var days = new string[s_days.Length];
        for (var i = 0; i < s_days.Length; i++)
        {
            if (texts[i] is { Length: > 200 })
            {
                errors.Add(s_days[i].Field, "is longer than 200 characters");
            }
            else if (OpeningHours.TryParseDay(texts[i], out var hours, out var error))
            {
                days[i] = OpeningHours.FormatDay(hours);
            }
            else
            {
                errors.Add(s_days[i].Field, error);
            }
        }

        if (errors.Any)
        {
            return errors.ToResult();
        }

        var row = new BusinessScheduleRow
        {
            Name = name, Monday = days[0], Tuesday = days[1], Wednesday = days[2], Thursday = days[3],
            Friday = days[4], Saturday = days[5], Sunday = days[6],
        };
        var before = store.Schedules().FirstOrDefault(s => s.Name == name);
        store.SaveCalendarRow(row);
        return Applied(http, audit, calendar, "name", () => Restore(store, before, name), "schedule.saved",
            $"schedule {name}: mon {row.Monday}; tue {row.Tuesday}; wed {row.Wednesday}; thu {row.Thursday}; "
            + $"fri {row.Friday}; sat {row.Saturday}; sun {row.Sunday}");
    }

    private static IResult DeleteSchedule(
        HttpContext http,
        string name,
        WebStore store,
        AuditTrail audit,
        ICalendarConfiguration calendar)
    {
        var before = store.Schedules().FirstOrDefault(s => s.Name == name);
        if (before is null)
        {
            return NotFound("name", $"no schedule '{name}' exists");
        }

        store.DeleteCalendarRow<BusinessScheduleRow>(name);
        return Applied(http, audit, calendar, "name", () => store.SaveCalendarRow(before), "schedule.deleted",
            $"schedule {name}");
    }

    private static IResult SaveHoliday(
        HttpContext http,
        HolidayRequest form,
        WebStore store,
        AuditTrail audit,
        ICalendarConfiguration calendar)
    {
        var errors = new FieldErrors();
        var text = errors.Required("date", form.Date, 10);
        var date = default(DateOnly);
        if (text.Length > 0 && !DateOnly.TryParseExact(text, ApplianceDatabase.HolidayDateFormat,
                CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
        {
            errors.Add("date", $"'{text}' is not a date like 2026-12-25");
        }

        var name = errors.Required("name", form.Name, 60);
        if (errors.Any)
        {
            return errors.ToResult();
        }

        var key = date.ToString(ApplianceDatabase.HolidayDateFormat, CultureInfo.InvariantCulture);
        var before = store.Holidays().FirstOrDefault(h => h.Date == key);
        store.SaveCalendarRow(new HolidayRow { Date = key, Name = name });
        return Applied(http, audit, calendar, "date",
            () =>
            {
                if (before is null)
                {
                    store.DeleteCalendarRow<HolidayRow>(key);
                }
                else
                {
                    store.SaveCalendarRow(before);
                }
            },
            "holiday.saved", $"holiday {key} {name}");
    }

    private static IResult DeleteHoliday(
        HttpContext http,
        string date,
        WebStore store,
        AuditTrail audit,
        ICalendarConfiguration calendar)
    {
        var before = store.Holidays().FirstOrDefault(h => h.Date == date);
        if (before is null)
        {
            return NotFound("date", $"no holiday on '{date}' exists");
        }

        store.DeleteCalendarRow<HolidayRow>(date);
        return Applied(http, audit, calendar, "date", () => store.SaveCalendarRow(before), "holiday.deleted",
            $"holiday {date} {before.Name}");
    }

    // The zone the wizard stored: business hours, the reports' days and the forecast read it, so
    // a box moved or set up with the wrong zone is put right here without a new setup.
    private static IResult SaveTimeZone(
        HttpContext http,
        TimeZoneRequest form,
        WebStore store,
        AuditTrail audit,
        ICalendarConfiguration calendar)
    {
        var errors = new FieldErrors();
        var zone = errors.Required("timeZone", form.TimeZone, 64);
        Validators.TimeZone(errors, "timeZone", zone);
        if (errors.Any)
        {
            return errors.ToResult();
        }

        var before = store.GetSetting(SettingRow.TimeZoneKey);
        store.SetSetting(SettingRow.TimeZoneKey, zone);
        return Applied(http, audit, calendar, "timeZone",
            () => store.SetSetting(SettingRow.TimeZoneKey, before ?? string.Empty), "timezone.saved",
            $"time zone {zone} (was {before ?? "the machine's"})");
    }

    private static void Restore(WebStore store, BusinessScheduleRow? before, string name)
    {
        if (before is null)
        {
            store.DeleteCalendarRow<BusinessScheduleRow>(name);
        }
        else
        {
            store.SaveCalendarRow(before);
        }
    }

    // Hands the stored calendar to the box; when the box refuses it the row is put back as it
    // was, so what is stored and what runs stay the same.
    private static IResult Applied(
        HttpContext http,
        AuditTrail audit,
        ICalendarConfiguration calendar,
        string field,
        Action undo,
        string action,
        string detail)
    {
        var problem = calendar.Apply();
        if (problem is not null)
        {
            undo();
            calendar.Apply();
            var errors = new FieldErrors();
            errors.Add(field, problem);
            return errors.ToResult();
        }

        audit.Record(http, action, detail);
        return Results.Ok(new { applied = calendar.AppliesAtOnce });
    }

    private static IResult NotFound(string field, string message)
    {
        return Results.ValidationProblem(
            new Dictionary<string, string[]> { [field] = [message] },
            title: $"Invalid value for {field}: {message}",
            statusCode: StatusCodes.Status404NotFound);
    }
}
