"""The book's measures, each written once: shares and the location quotient,
correlations with their bootstrap, and the education-sector fit."""

from .correlations import (
                           BOOTSTRAP_RESAMPLES,
                           BOOTSTRAP_SEED,
                           CORRELATION_MARGIN,
                           SIGNIFICANCE,
                           bootstrap_indices,
                           correlation,
                           correlation_with_interval,
                           row_correlations,
                           weighted_row_correlations,
)
from .fits import Fit, education_sector_fit, least_squares, log_of_positive, robust_line
from .location_quotients import location_quotient, location_quotient_from_shares, percent_of, shares

__all__ = ["BOOTSTRAP_RESAMPLES", "BOOTSTRAP_SEED", "CORRELATION_MARGIN", "Fit", "SIGNIFICANCE", "bootstrap_indices",
           "correlation", "correlation_with_interval", "education_sector_fit", "least_squares", "location_quotient", "log_of_positive",
           "location_quotient_from_shares", "percent_of", "robust_line", "row_correlations", "shares",
           "weighted_row_correlations"]
