using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace LandMap.Api.Configuration;

/// <summary>
/// The one way a settings section is read: bound to its options class, checked against the
/// class's data annotations when the host starts (a value out of range stops start-up with a
/// message naming the setting, e.g. <c>LandMap:Limits:MaxPageSize</c>), and registered as the
/// class itself for whoever needs it.
/// </summary>
public static class Settings
{
    /// <summary>Binds <typeparamref name="T"/> to <paramref name="section"/>, validated on start. A key
    /// the class does not have (a misspelt setting) stops the start too, except directly under
    /// "LandMap", whose other keys are the sections of the other classes.</summary>
    public static IServiceCollection AddSettings<T>(this IServiceCollection services, string section) where T : class
    {
        services.AddOptions<T>().BindConfiguration(section, o => o.ErrorOnUnknownConfiguration = section.Contains(':')).ValidateOnStart();
        services.AddSingleton<IValidateOptions<T>>(new SectionValidator<T>(section));
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<T>>().Value);
        return services;
    }

    /// <summary>Data annotations (and <see cref="IValidatableObject"/>), each failure named by its full setting.</summary>
    private sealed class SectionValidator<T>(string section) : IValidateOptions<T> where T : class
    {
        public ValidateOptionsResult Validate(string? name, T options)
        {
            var results = new List<ValidationResult>();
            if (Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true))
                return ValidateOptionsResult.Success;
            return ValidateOptionsResult.Fail(results.Select(r =>
                $"{string.Join(", ", r.MemberNames.Select(m => $"{section}:{m}").DefaultIfEmpty(section))}: {r.ErrorMessage}"));
        }
    }
}
