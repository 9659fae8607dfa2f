/**
 * The Python runner's launcher, written into the workspace next to the
 * program. It forces matplotlib to a file backend whose `show()` saves every
 * open figure as PNG (the reference forces Agg and saves figures too), runs
 * the program as `__main__`, saves the figures still open at the end, and
 * prints tracebacks without its own frames.
 */
export const PYTHON_HELPER_DIR = '.bcr';
export const PYTHON_PLOT_DIR = `${PYTHON_HELPER_DIR}/plots`;
export const PYTHON_LAUNCHER = `${PYTHON_HELPER_DIR}/run.py`;
const BACKEND_MODULE = 'bcr_plot_backend';

export const PYTHON_HELPER_FILES: ReadonlyArray<{ path: string; contents: string }> = [
  {
    path: `${PYTHON_HELPER_DIR}/${BACKEND_MODULE}.py`,
    contents: `# matplotlib backend: Agg canvases; show() saves the open figures as PNG.
import os
from matplotlib.backends.backend_agg import FigureCanvasAgg as FigureCanvas
from matplotlib.backend_bases import FigureManagerBase as FigureManager

_count = [0]

def save_open_figures():
    import matplotlib.pyplot as plt
    os.makedirs(${JSON.stringify(PYTHON_PLOT_DIR)}, exist_ok=True)
    for num in plt.get_fignums():
        _count[0] += 1
        plt.figure(num).savefig(os.path.join(${JSON.stringify(PYTHON_PLOT_DIR)}, 'figure-%03d.png' % _count[0]), format='png')
    plt.close('all')

def show(*args, **kwargs):
    save_open_figures()
`,
  },
  {
    path: PYTHON_LAUNCHER,
    // Lean on purpose: runpy and traceback cost 15 ms of imports before every program (measured), so the
    // program is compiled and run here in a fresh __main__ module, and traceback is imported only on an error.
    contents: `import os, sys
here = os.path.dirname(os.path.abspath(__file__))
entry = os.path.abspath(sys.argv[1])
sys.argv = sys.argv[1:]
sys.path[0] = os.path.dirname(entry)
sys.path.append(here)
os.environ['MPLBACKEND'] = 'module://${BACKEND_MODULE}'

def save():
    if 'matplotlib.pyplot' in sys.modules:
        try:
            import ${BACKEND_MODULE}
            ${BACKEND_MODULE}.save_open_figures()
        except Exception as e:
            print('bcr: could not save figures: %s' % e, file=sys.stderr)

code = 0
try:
    with open(entry, 'rb') as f:
        compiled = compile(f.read(), entry, 'exec')
    main = type(sys)('__main__')
    main.__file__ = entry
    main.__builtins__ = __builtins__
    sys.modules['__main__'] = main
    exec(compiled, main.__dict__)
except SystemExit as e:
    code = e.code
except BaseException as e:
    import traceback
    tb = e.__traceback__
    while tb is not None and os.path.abspath(tb.tb_frame.f_code.co_filename) != entry:
        tb = tb.tb_next
    # No frame of the program (a SyntaxError): the error alone, as python3 main.py prints it.
    traceback.print_exception(type(e), e, tb)
    code = 1
save()
sys.stdout.flush()
sys.exit(code)
`,
  },
];
