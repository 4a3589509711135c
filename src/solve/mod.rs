//! Exact arithmetic over a table's cells: splitting runs of digits that lost
//! their cell boundaries, and finding which cells break the relations.
//!
//! Text copied from a PDF or a web page often loses the boundaries between
//! the cells of a row: `352001038` stands where seven counts should be. The
//! row's own arithmetic (the total equals the sum of the six applicant
//! columns) and the column relations usually leave exactly one way to read
//! it: `35 2 0 0 1 0 38`. This module is table-agnostic:
//!
//! * a [`Model`] has variables (cells) `0..n`; each is *unknown* (not read;
//!   its relations are not checked), *known* (an integer), or part of a
//!   *run* of digits to be split into consecutive variables;
//! * a [`Relation`] is a linear equality `Σ coeff·var = 0` with integer
//!   coefficients;
//! * [`split()`] finds every joint assignment of the runs that satisfies the
//!   relations, and returns values only when there is exactly one;
//! * [`culprits()`] finds the smallest sets of cells whose change makes every
//!   relation hold, with the corrected values.
//!
//! Everything is integer arithmetic (money is an integer number of units of
//! `10^-scale`), every search is bounded by a step budget, and nothing
//! panics on any input.
//!
//! ```
//! use xxgk::solve::{split, Model, Relation, Split, SplitOptions};
//!
//! let mut model = Model::new(7);
//! model.add_run(0, 7, "352001038").unwrap();
//! model.add_relation(Relation::sum(6, &[0, 1, 2, 3, 4, 5])).unwrap();
//! match split(&model, &SplitOptions::default()) {
//!     Split::Unique { values, .. } => {
//!         let values: Vec<i64> = values.into_iter().flatten().collect();
//!         assert_eq!(values, [35, 2, 0, 0, 1, 0, 38]);
//!     }
//!     other => panic!("{other:?}"),
//! }
//! ```

mod culprits;
mod halves;
mod joint;
mod literal;
mod split;
mod sums;

pub use culprits::{culprits, Change, CulpritOptions, Culprits, Fix};
pub use literal::split_forced;
pub use split::{split, Count, Split, SplitOptions, MAX_DEPTH};

/// What a variable holds: a count, or an amount of money.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Kind {
    /// A non-negative integer written without a decimal point.
    #[default]
    Count,
    /// An amount whose value is an integer number of units of `10^-scale`
    /// (`scale` 4 reads `2673.5355` as `26735355`). In a run, its part may
    /// contain one `.` followed by at most `scale` digits.
    Money {
        /// Decimal places of the unit (0 to 18).
        scale: u8,
    },
}

/// The state of one variable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Cell {
    /// Not read: relations that involve it are not checked.
    #[default]
    Unknown,
    /// Read as this value (money in units of its scale).
    Known(i64),
    /// One part of the run with this index (see [`Model::add_run`]).
    InRun(usize),
}

/// A string of digits to be split into `count` consecutive variables.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Run {
    /// The digits (and for money variables `.`), as read.
    pub text: String,
    /// The first variable of the run.
    pub first: usize,
    /// How many variables the run covers (at least 1).
    pub count: usize,
}

/// A linear equality `Σ coeff·var = 0`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Relation {
    terms: Vec<(usize, i64)>,
}

impl Relation {
    /// `Σ coeff·var = 0` over the given terms; a variable given twice has
    /// its coefficients added, and zero coefficients are dropped.
    #[must_use]
    pub fn new(terms: &[(usize, i64)]) -> Relation {
        let mut merged: Vec<(usize, i64)> = Vec::with_capacity(terms.len());
        for &(var, coeff) in terms {
            match merged.iter_mut().find(|(v, _)| *v == var) {
                Some(term) => term.1 = term.1.saturating_add(coeff),
                None => merged.push((var, coeff)),
            }
        }
        merged.retain(|&(_, c)| c != 0);
        Relation { terms: merged }
    }

    /// `total = Σ parts`.
    #[must_use]
    pub fn sum(total: usize, parts: &[usize]) -> Relation {
        Relation::balance(&[total], parts)
    }

    /// `Σ left = Σ right`.
    #[must_use]
    pub fn balance(left: &[usize], right: &[usize]) -> Relation {
        let terms: Vec<(usize, i64)> = left
            .iter()
            .map(|&v| (v, 1))
            .chain(right.iter().map(|&v| (v, -1)))
            .collect();
        Relation::new(&terms)
    }

    /// The terms `(variable, coefficient)`, each variable once, no zero
    /// coefficient.
    #[must_use]
    pub fn terms(&self) -> &[(usize, i64)] {
        &self.terms
    }

    /// `Σ coeff·value` when every variable has a value, else `None`
    /// (also when the sum leaves the range of `i128`).
    #[must_use]
    pub fn residual(&self, values: &[Option<i64>]) -> Option<i128> {
        self.terms.iter().try_fold(0i128, |sum, &(var, coeff)| {
            let value = (*values.get(var)?)?;
            sum.checked_add(i128::from(coeff) * i128::from(value))
        })
    }
}

/// Why a [`Model`] refused a change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ModelError {
    /// The variable is not in `0..len`.
    OutOfRange(usize),
    /// The variable already belongs to a run.
    InRun(usize),
    /// A run covers no variable.
    EmptyRun,
    /// A run's text is empty or holds something other than ASCII digits
    /// and `.`.
    BadText,
    /// A money scale above 18.
    BadScale(u8),
    /// A negative known value.
    Negative(usize),
    /// A relation with a coefficient beyond ±2³² (or more than 2³² terms).
    Coefficient,
}

/// The largest coefficient a [`Model`] accepts, in absolute value: with
/// values below 2⁶³ every relation's sum then stays inside `i128`.
pub const MAX_COEFFICIENT: i64 = 1 << 32;

impl std::fmt::Display for ModelError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ModelError::OutOfRange(v) => write!(f, "variable {v} is out of range"),
            ModelError::InRun(v) => write!(f, "variable {v} already belongs to a run"),
            ModelError::EmptyRun => write!(f, "a run must cover at least one variable"),
            ModelError::BadText => write!(f, "a run holds only ASCII digits and '.'"),
            ModelError::BadScale(s) => write!(f, "scale {s} is above 18"),
            ModelError::Negative(v) => write!(f, "variable {v} has a negative value"),
            ModelError::Coefficient => write!(f, "a coefficient is beyond ±2^32"),
        }
    }
}

impl std::error::Error for ModelError {}

/// Variables, their kinds and states, the runs and the relations.
#[derive(Debug, Clone, Default)]
pub struct Model {
    kinds: Vec<Kind>,
    cells: Vec<Cell>,
    runs: Vec<Run>,
    /// Per run, the byte offsets in its text where a part must end (the
    /// boundaries that were kept between the tokens of a row).
    breaks: Vec<Vec<usize>>,
    relations: Vec<Relation>,
}

impl Model {
    /// `len` variables, all unknown counts, no run, no relation.
    #[must_use]
    pub fn new(len: usize) -> Model {
        Model {
            kinds: vec![Kind::Count; len],
            cells: vec![Cell::Unknown; len],
            runs: Vec::new(),
            breaks: Vec::new(),
            relations: Vec::new(),
        }
    }

    /// The number of variables.
    #[must_use]
    pub fn len(&self) -> usize {
        self.cells.len()
    }

    /// True when the model has no variable.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.cells.is_empty()
    }

    fn check_var(&self, var: usize) -> Result<(), ModelError> {
        match self.cells.get(var) {
            None => Err(ModelError::OutOfRange(var)),
            Some(Cell::InRun(_)) => Err(ModelError::InRun(var)),
            Some(_) => Ok(()),
        }
    }

    /// Sets the kind of a variable (before adding a run over it).
    ///
    /// # Errors
    /// [`ModelError`] when `var` is out of range or in a run, or `scale` is above 18.
    pub fn set_kind(&mut self, var: usize, kind: Kind) -> Result<(), ModelError> {
        if let Kind::Money { scale } = kind {
            if scale > 18 {
                return Err(ModelError::BadScale(scale));
            }
        }
        self.check_var(var)?;
        self.kinds[var] = kind;
        Ok(())
    }

    /// Marks a variable as read with this value (non-negative).
    ///
    /// # Errors
    /// [`ModelError`] when `var` is out of range, in a run, or `value` is negative.
    pub fn set_known(&mut self, var: usize, value: i64) -> Result<(), ModelError> {
        self.check_var(var)?;
        if value < 0 {
            return Err(ModelError::Negative(var));
        }
        self.cells[var] = Cell::Known(value);
        Ok(())
    }

    /// Marks a variable as not read.
    ///
    /// # Errors
    /// [`ModelError`] when `var` is out of range or in a run.
    pub fn set_unknown(&mut self, var: usize) -> Result<(), ModelError> {
        self.check_var(var)?;
        self.cells[var] = Cell::Unknown;
        Ok(())
    }

    /// Adds a run: `text` is to be split into the `count` variables
    /// `first..first + count`. Returns the run's index.
    ///
    /// # Errors
    /// [`ModelError`] when the variables are out of range or already taken, or
    /// `text` is empty or holds other characters than digits and `.`.
    pub fn add_run(&mut self, first: usize, count: usize, text: &str) -> Result<usize, ModelError> {
        self.add_run_with_breaks(first, count, text, &[])
    }

    /// Adds a run whose text keeps some boundaries: a part must end at each
    /// offset of `breaks` (bytes into `text`, strictly inside it). This is a
    /// row of which some cells were separated and others ran together
    /// (`35 2001038`: the text `352001038` with a break at 2); how many
    /// cells each token holds is left to the split. Offsets out of the text
    /// or at its ends are ignored.
    ///
    /// # Errors
    /// As [`Model::add_run`].
    pub fn add_run_with_breaks(
        &mut self,
        first: usize,
        count: usize,
        text: &str,
        breaks: &[usize],
    ) -> Result<usize, ModelError> {
        if count == 0 {
            return Err(ModelError::EmptyRun);
        }
        if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
            return Err(ModelError::BadText);
        }
        let end = first
            .checked_add(count)
            .ok_or(ModelError::OutOfRange(first))?;
        for var in first..end {
            self.check_var(var)?;
        }
        let index = self.runs.len();
        for cell in &mut self.cells[first..end] {
            *cell = Cell::InRun(index);
        }
        self.runs.push(Run {
            text: text.to_string(),
            first,
            count,
        });
        let mut kept: Vec<usize> = breaks
            .iter()
            .copied()
            .filter(|&b| b > 0 && b < text.len())
            .collect();
        kept.sort_unstable();
        kept.dedup();
        self.breaks.push(kept);
        Ok(index)
    }

    /// Adds a relation; every variable must be in range. Returns its index.
    ///
    /// # Errors
    /// [`ModelError`] when a variable is out of range, or a coefficient or the
    /// number of terms is beyond 2^32.
    pub fn add_relation(&mut self, relation: Relation) -> Result<usize, ModelError> {
        if let Some(&(var, _)) = relation.terms.iter().find(|(v, _)| *v >= self.len()) {
            return Err(ModelError::OutOfRange(var));
        }
        let too_big = |&(_, c): &(usize, i64)| c.unsigned_abs() > MAX_COEFFICIENT.unsigned_abs();
        // More than 2^32 terms could overflow the sums (only possible on 64-bit targets).
        let too_many = u64::try_from(relation.terms.len()).map_or(true, |n| n > 1 << 32);
        if relation.terms.iter().any(too_big) || too_many {
            return Err(ModelError::Coefficient);
        }
        self.relations.push(relation);
        Ok(self.relations.len() - 1)
    }

    /// The kind of each variable.
    #[must_use]
    pub fn kinds(&self) -> &[Kind] {
        &self.kinds
    }

    /// The state of each variable.
    #[must_use]
    pub fn cells(&self) -> &[Cell] {
        &self.cells
    }

    /// The runs, by index.
    #[must_use]
    pub fn runs(&self) -> &[Run] {
        &self.runs
    }

    /// The offsets where a run's parts must end (see
    /// [`Model::add_run_with_breaks`]), sorted; empty for a run without
    /// breaks or an index out of range.
    #[must_use]
    pub fn run_breaks(&self, run: usize) -> &[usize] {
        self.breaks.get(run).map_or(&[], Vec::as_slice)
    }

    /// The relations, by index.
    #[must_use]
    pub fn relations(&self) -> &[Relation] {
        &self.relations
    }

    /// The value of every known variable (`None` for unknown and run
    /// variables).
    #[must_use]
    pub fn known_values(&self) -> Vec<Option<i64>> {
        self.cells
            .iter()
            .map(|c| match c {
                Cell::Known(v) => Some(*v),
                _ => None,
            })
            .collect()
    }
}
