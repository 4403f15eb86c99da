<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name></name>
    <message>
        <source>not a network landscape</source>
        <translation>不是神经网络地形</translation>
    </message>
    <message>
        <source>unknown dataset {name!r}</source>
        <translation>未知数据集 {name!r}</translation>
    </message>
    <message>
        <source>the dataset {name} has {n} input(s) but the network&apos;s input layer has {k} unit(s)</source>
        <translation>数据集 {name} 有 {n} 个输入，但网络的输入层有 {k} 个单元</translation>
    </message>
    <message>
        <source>choose two different parameters (both are {name})</source>
        <translation>请选择两个不同的参数（两个都是 {name}）</translation>
    </message>
    <message>
        <source>loading the compiled network kernels (the first run on a computer compiles them: a few seconds)…</source>
        <translation>正在加载已编译的网络内核（在一台电脑上首次运行时会先编译：需要几秒）…</translation>
    </message>
    <message>
        <source>training the network…</source>
        <translation>正在训练网络…</translation>
    </message>
    <message>
        <source>training the network: {done} of {steps} steps…</source>
        <translation>正在训练网络：第 {done} / {steps} 步…</translation>
    </message>
    <message>
        <source>training {steps} Adam steps…</source>
        <translation type="vanished">正在训练 {steps} 步 Adam…</translation>
    </message>
    <message>
        <source>building the {method} slice…</source>
        <translation>正在构建 {method} 切片…</translation>
    </message>
    <message>
        <source>initial</source>
        <translation>初始</translation>
    </message>
    <message>
        <source>trained</source>
        <translation>训练后</translation>
    </message>
    <message>
        <source>seed {s}</source>
        <translation>种子 {s}</translation>
    </message>
    <message>
        <source>centre</source>
        <translation>中心</translation>
    </message>
    <message>
        <source>point</source>
        <translation>当前点</translation>
    </message>
    <message>
        <source>Build a network landscape first</source>
        <translation>请先构建神经网络地形</translation>
    </message>
    <message>
        <source>Linear interpolation</source>
        <translation>线性插值</translation>
    </message>
    <message>
        <source>Convexity and PCA path</source>
        <translation>凸性与 PCA 路径</translation>
    </message>
    <message>
        <source>Computing the convexity map |λmin/λmax|…</source>
        <translation>正在计算凸性图 |λmin/λmax|…</translation>
    </message>
    <message>
        <source>α: PC1 ({v:.1f}% var.)</source>
        <translation type="vanished">α：PC1（方差 {v:.1f}%）</translation>
    </message>
    <message>
        <source>β: PC2 ({v:.1f}% var.)</source>
        <translation type="vanished">β：PC2（方差 {v:.1f}%）</translation>
    </message>
    <message>
        <source>run {id}, iteration {t}</source>
        <translation>运行 {id}，第 {t} 次迭代</translation>
    </message>
    <message>
        <source>cursor</source>
        <translation>光标位置</translation>
    </message>
    <message>
        <source>slice centre</source>
        <translation>切片中心</translation>
    </message>
    <message>
        <source>not computed</source>
        <translation>未计算</translation>
    </message>
    <message>
        <source>computing…</source>
        <translation>计算中…</translation>
    </message>
    <message>
        <source>running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>converged at step {k}</source>
        <translation>第 {k} 步收敛</translation>
    </message>
    <message>
        <source>diverged at step {k}: η too large, |∇f| grew ×{factor:.3g} in {n} steps</source>
        <translation>在第 {k} 步发散：η 过大，|∇f| 在 {n} 步内增长了 ×{factor:.3g}</translation>
    </message>
    <message>
        <source>diverged at step {k}</source>
        <translation>第 {k} 步发散</translation>
    </message>
    <message>
        <source>unbounded below at step {k}: f → −∞, no minimum that way</source>
        <translation>在第 {k} 步无下界：f → −∞，该方向没有极小值</translation>
    </message>
    <message>
        <source>max steps</source>
        <translation>达到最大步数</translation>
    </message>
    <message>
        <source>resolution must be between 16 and 2000 points per axis</source>
        <translation type="vanished">分辨率必须在每轴 16 到 2000 个点之间</translation>
    </message>
    <message>
        <source>{n} run(s) started outside the new view and were removed (Undo brings them back)</source>
        <translation>{n} 个运行的起点在新视图之外，已被移除（撤销可恢复）</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>resolution must be between {lo} and {hi} points per axis</source>
        <translation>分辨率必须在每轴 {lo} 到 {hi} 个点之间</translation>
    </message>
    <message>
        <source>Cannot open the scene: {error}</source>
        <translation>无法打开场景：{error}</translation>
    </message>
    <message>
        <source>Run {id}: {error}</source>
        <translation>运行 {id}：{error}</translation>
    </message>
    <message>
        <source>the view needs finite bounds with min &lt; max on both axes</source>
        <translation>视图在两个坐标轴上都需要有限的边界，且 min &lt; max</translation>
    </message>
    <message>
        <source>Not a number: “{text}”</source>
        <translation>不是数字：“{text}”</translation>
    </message>
    <message>
        <source>“{text}” refused: {reason}</source>
        <translation>“{text}”未被接受：{reason}</translation>
    </message>
    <message>
        <source>the interpolation plane is a line; the map needs a plane (the command line computes lines)</source>
        <translation>插值平面是一条直线；地图需要一个平面（直线请用命令行计算）</translation>
    </message>
    <message>
        <source>{done} of {total} blocks of the model&apos;s landscape</source>
        <translation>模型地形：已完成 {done} / {total} 块</translation>
    </message>
    <message>
        <source>The model&apos;s landscape is in {path} ({n} of {total} blocks computed now)</source>
        <translation>模型地形已写入 {path}（本次计算了 {total} 块中的 {n} 块）</translation>
    </message>
    <message>
        <source>Model landscape: {error}</source>
        <translation>模型地形：{error}</translation>
    </message>
    <message>
        <source>Stopped after {done} of {total} blocks; they are kept in {path}.partial: compute the same landscape again to resume</source>
        <translation>已在完成 {total} 块中的 {done} 块后停止；已完成的块保存在 {path}.partial 中：再次计算同一地形即可继续</translation>
    </message>
    <message>
        <source>Compute a model&apos;s landscape</source>
        <translation>计算模型的损失地形</translation>
    </message>
    <message>
        <source>model.pt2, or model.py:factory</source>
        <translation>model.pt2，或 model.py:factory</translation>
    </message>
    <message>
        <source>A torch.export program (.pt2), or a Python file and the function in it that builds the model (this runs that file&apos;s code)</source>
        <translation>torch.export 程序（.pt2），或一个 Python 文件及其中构建模型的函数（这会运行该文件中的代码）</translation>
    </message>
    <message>
        <source>checkpoint.pt (several separated by spaces)</source>
        <translation>checkpoint.pt（多个用空格分隔）</translation>
    </message>
    <message>
        <source>state_dict checkpoints; the last is the centre; the PCA plane uses them all as the training path</source>
        <translation>state_dict 检查点；最后一个是中心；PCA 平面把它们全部作为训练路径</translation>
    </message>
    <message>
        <source>data.npz, data.pt, or data.py:factory</source>
        <translation>data.npz、data.pt，或 data.py:factory</translation>
    </message>
    <message>
        <source>Arrays X and y, or a Python file and the function in it that returns a torch.utils.data.Dataset of (input, target) pairs (this runs that file&apos;s code)</source>
        <translation>数组 X 和 y，或一个 Python 文件及其中返回由（输入，目标）对组成的 torch.utils.data.Dataset 的函数（这会运行该文件中的代码）</translation>
    </message>
    <message>
        <source>Filter-normalised random directions</source>
        <translation>滤波器归一化的随机方向</translation>
    </message>
    <message>
        <source>PCA of the checkpoints</source>
        <translation>检查点的 PCA</translation>
    </message>
    <message>
        <source>Two named parameters</source>
        <translation>两个指定的参数</translation>
    </message>
    <message>
        <source>fc1.weight[0,3],fc2.bias[1]</source>
        <translation>fc1.weight[0,3],fc2.bias[1]</translation>
    </message>
    <message>
        <source>The two parameter entries on the axes, NAME[i,j],NAME[k,l]</source>
        <translation>坐标轴上的两个参数元素，NAME[i,j],NAME[k,l]</translation>
    </message>
    <message>
        <source>Points per axis</source>
        <translation>每个坐标轴的点数</translation>
    </message>
    <message>
        <source>The grid spans −R..R along each direction (random and parameter planes)</source>
        <translation>网格沿每个方向覆盖 −R..R（随机平面和参数平面）</translation>
    </message>
    <message>
        <source>1 computes in this process; more start a local Dask cluster of that many processes</source>
        <translation>1 表示在本进程中计算；更多则启动一个有相应进程数的本地 Dask 集群</translation>
    </message>
    <message>
        <source>tcp://HOST:PORT (optional: an existing Dask cluster)</source>
        <translation>tcp://HOST:PORT（可选：已有的 Dask 集群）</translation>
    </message>
    <message>
        <source>landscape.h5</source>
        <translation>landscape.h5</translation>
    </message>
    <message>
        <source>The HDF5 surface file to write; finished blocks go to FILE.partial first, so a stopped run resumes</source>
        <translation>要写入的 HDF5 曲面文件；完成的块先写入 FILE.partial，因此停止的计算可以继续</translation>
    </message>
    <message>
        <source>Compute</source>
        <translation>计算</translation>
    </message>
    <message>
        <source>Model:</source>
        <translation>模型：</translation>
    </message>
    <message>
        <source>Python or .pt2 files (*.py *.pt2)</source>
        <translation>Python 或 .pt2 文件 (*.py *.pt2)</translation>
    </message>
    <message>
        <source>Weights:</source>
        <translation>权重：</translation>
    </message>
    <message>
        <source>Checkpoints (*.pt *.pth)</source>
        <translation>检查点 (*.pt *.pth)</translation>
    </message>
    <message>
        <source>Data:</source>
        <translation>数据：</translation>
    </message>
    <message>
        <source>Data (*.npz *.pt *.py)</source>
        <translation>数据 (*.npz *.pt *.py)</translation>
    </message>
    <message>
        <source>Loss:</source>
        <translation>损失：</translation>
    </message>
    <message>
        <source>Plane:</source>
        <translation>平面：</translation>
    </message>
    <message>
        <source>Parameters:</source>
        <translation>参数：</translation>
    </message>
    <message>
        <source>Resolution:</source>
        <translation>分辨率：</translation>
    </message>
    <message>
        <source>Range:</source>
        <translation>范围：</translation>
    </message>
    <message>
        <source>Seed:</source>
        <translation>种子：</translation>
    </message>
    <message>
        <source>Workers:</source>
        <translation>工作进程：</translation>
    </message>
    <message>
        <source>Scheduler:</source>
        <translation>调度器：</translation>
    </message>
    <message>
        <source>Output:</source>
        <translation>输出：</translation>
    </message>
    <message>
        <source>HDF5 surfaces (*.h5)</source>
        <translation>HDF5 曲面 (*.h5)</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Output file</source>
        <translation>输出文件</translation>
    </message>
    <message>
        <source>Checkpoints</source>
        <translation>检查点</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>a model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>data</source>
        <translation>数据</translation>
    </message>
    <message>
        <source>an output file</source>
        <translation>输出文件</translation>
    </message>
    <message>
        <source>give {what}</source>
        <translation>请给出{what}</translation>
    </message>
    <message>
        <source>the weights are not a list of file names (check the quotes)</source>
        <translation>权重不是文件名列表（请检查引号）</translation>
    </message>
    <message>
        <source>give the two parameters, e.g. fc1.weight[0,3],fc2.bias[1]</source>
        <translation>请给出两个参数，例如 fc1.weight[0,3],fc2.bias[1]</translation>
    </message>
    <message>
        <source>Loading the model and the data…</source>
        <translation>正在加载模型和数据…</translation>
    </message>
    <message>
        <source>Compute a &amp;model&apos;s landscape…</source>
        <translation>计算模型的损失地形(&amp;M)…</translation>
    </message>
    <message>
        <source>The loss landscape of your own PyTorch model, filled in on the map as it is computed</source>
        <translation>你自己的 PyTorch 模型的损失地形，边计算边在地图上填充</translation>
    </message>
    <message>
        <source>Needs the optional extra (missing: {names}): {install}</source>
        <translation>需要可选扩展（缺少：{names}）：{install}</translation>
    </message>
    <message>
        <source>Computing the model&apos;s landscape…</source>
        <translation>正在计算模型的损失地形…</translation>
    </message>
    <message>
        <source>Model landscapes need the optional extra ({names} missing). Install it with:

{install}</source>
        <translation>模型地形需要可选扩展（缺少 {names}）。用以下命令安装：

{install}</translation>
    </message>
    <message>
        <source>Select a run to see the step its optimizer takes here.</source>
        <translation>选择一条运行，即可看到其优化器在此处迈出的一步。</translation>
    </message>
    <message>
        <source>The run stops at this iteration: its optimizer takes no further step.</source>
        <translation>该运行在此迭代处停止：其优化器不再迈出下一步。</translation>
    </message>
    <message>
        <source>unknown scope {scope!r}</source>
        <translation>未知的范围 {scope!r}</translation>
    </message>
</context>
<context>
    <name>AboutBox</name>
    <message>
        <source>Watch gradient descent happen: pick a landscape, click a start point and follow each optimizer downhill, step by step, with the gradient field and the update formula in view.</source>
        <translation>亲眼观看梯度下降的过程：选择一个地形，单击一个起点，然后一步一步地跟随每个优化器下坡，同时查看梯度场和更新公式。</translation>
    </message>
    <message>
        <source>Contours by contourpy. MIT licence.</source>
        <translation>等高线由 contourpy 绘制。MIT 许可证。</translation>
    </message>
    <message>
        <source>About Descent Lab</source>
        <translation>关于 Descent Lab</translation>
    </message>
    <message>
        <source>Copy versions</source>
        <translation>复制版本信息</translation>
    </message>
    <message>
        <source>Copy the versions of Descent Lab, Python, Qt, PySide6, pyqtgraph and NumPy, for a bug report</source>
        <translation>复制 Descent Lab、Python、Qt、PySide6、pyqtgraph 和 NumPy 的版本，用于错误报告</translation>
    </message>
</context>
<context>
    <name>AnalysisPanel</name>
    <message>
        <source>the cursor</source>
        <translation>光标处</translation>
    </message>
    <message>
        <source>the selected run&apos;s current step</source>
        <translation>所选运行的当前步</translation>
    </message>
    <message>
        <source>a known minimum</source>
        <translation>已知极小值点</translation>
    </message>
    <message>
        <source>Where the local quadratic is taken</source>
        <translation>在何处取局部二次近似</translation>
    </message>
    <message>
        <source>Which known minimum of this landscape</source>
        <translation>选择此地形的哪个已知极小值点</translation>
    </message>
    <message>
        <source>Draw the axes on the map</source>
        <translation>在地图上画出主轴</translation>
    </message>
    <message>
        <source>The Hessian&apos;s eigen-directions through the point: steep axis red, shallow axis blue, and a level set of the local quadratic</source>
        <translation>经过该点的 Hessian 特征方向：陡峭轴为红色，平缓轴为蓝色，并画出局部二次函数的一条等值线</translation>
    </message>
    <message>
        <source>Learning rates on a log scale: green is stable for gradient descent, red diverges along the steep axis; dashed: the best fixed η; triangle: the η used</source>
        <translation>对数刻度的学习率：绿色区间内梯度下降稳定，红色区间沿陡峭轴发散；虚线：最佳固定 η；三角形：当前使用的 η</translation>
    </message>
    <message>
        <source>At</source>
        <translation>位置</translation>
    </message>
    <message>
        <source>Minimum</source>
        <translation>极小值点</translation>
    </message>
    <message>
        <source>Move the cursor over the landscape.</source>
        <translation>请将光标移到地形上。</translation>
    </message>
    <message>
        <source>This landscape has no known minima.</source>
        <translation>此地形没有已知极小值点。</translation>
    </message>
    <message>
        <source>Select a run (click its start marker).</source>
        <translation>请选择一个运行（点击其起点标记）。</translation>
    </message>
    <message>
        <source>Point</source>
        <translation>点</translation>
    </message>
    <message>
        <source>Hessian</source>
        <translation>Hessian 矩阵</translation>
    </message>
    <message>
        <source>(finite differences)</source>
        <translation>（有限差分）</translation>
    </message>
    <message>
        <source>along ({x:.3f}, {y:.3f})</source>
        <translation>方向 ({x:.3f}, {y:.3f})</translation>
    </message>
    <message>
        <source>Condition κ</source>
        <translation>条件数 κ</translation>
    </message>
    <message>
        <source>with momentum μ = {mu:g}: 2(1+μ)/λ&lt;sub&gt;max&lt;/sub&gt;</source>
        <translation>动量 μ = {mu:g} 时：2(1+μ)/λ&lt;sub&gt;max&lt;/sub&gt;</translation>
    </message>
    <message>
        <source>λ_max = {lam} ≤ 0: no axis curves up here, descent moves away along every axis</source>
        <translation>λ_max = {lam} ≤ 0：此处没有向上弯曲的方向，下降会沿所有轴离开</translation>
    </message>
    <message>
        <source>η = {lr} &gt; 2/λ_max = {crit}: diverges along the steep axis</source>
        <translation>η = {lr} &gt; 2/λ_max = {crit}：沿陡峭轴发散</translation>
    </message>
    <message>
        <source>η = {lr} ≈ 2/λ_max = {crit}: the steep axis bounces without shrinking</source>
        <translation>η = {lr} ≈ 2/λ_max = {crit}：沿陡峭轴来回振荡而不收缩</translation>
    </message>
    <message>
        <source>η = {lr} ≈ 2/(λ_min + λ_max) = {best}: the fastest fixed step (rate {rate} a step)</source>
        <translation>η = {lr} ≈ 2/(λ_min + λ_max) = {best}：最快的固定步长（每步收缩率 {rate}）</translation>
    </message>
    <message>
        <source>η = {lr} &lt; 2/(λ_min + λ_max) = {best}: converges, slowly along the shallow axis (rate {rate} a step)</source>
        <translation>η = {lr} &lt; 2/(λ_min + λ_max) = {best}：收敛，但沿平缓轴较慢（每步收缩率 {rate}）</translation>
    </message>
    <message>
        <source>η = {lr} &lt; 2/λ_max = {crit}: zig-zags along the steep axis but converges</source>
        <translation>η = {lr} &lt; 2/λ_max = {crit}：沿陡峭轴之字形振荡，但会收敛</translation>
    </message>
    <message>
        <source>η = {lr} &lt; 2/λ_max = {crit}: stable along the steep axis</source>
        <translation>η = {lr} &lt; 2/λ_max = {crit}：沿陡峭轴稳定</translation>
    </message>
    <message>
        <source>; λ_min &lt; 0: a saddle, it slides away along the shallow axis</source>
        <translation>；λ_min &lt; 0：这是鞍点，会沿平缓轴滑走</translation>
    </message>
</context>
<context>
    <name>AppState</name>
    <message>
        <source>resolution must be between 16 and 2000 points per axis</source>
        <translation type="vanished">分辨率必须在每轴 16 到 2000 个点之间</translation>
    </message>
    <message>
        <source>{n} run(s) started outside the new view and were removed (Undo brings them back)</source>
        <translation>{n} 个运行的起点在新视图之外，已被移除（撤销可恢复）</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>resolution must be between {lo} and {hi} points per axis</source>
        <translation>分辨率必须在每轴 {lo} 到 {hi} 个点之间</translation>
    </message>
    <message>
        <source>Cannot open the scene: {error}</source>
        <translation>无法打开场景：{error}</translation>
    </message>
    <message>
        <source>Run {id}: {error}</source>
        <translation>运行 {id}：{error}</translation>
    </message>
    <message>
        <source>the view needs finite bounds with min &lt; max on both axes</source>
        <translation>视图在两个坐标轴上都需要有限的边界，且 min &lt; max</translation>
    </message>
</context>
<context>
    <name>BackpropInspector</name>
    <message>
        <source>The point whose gradients are shown, its loss, and the gradient a run on the map follows: the full gradient projected on the plane&apos;s directions</source>
        <translation>所显示梯度所在的点、该点的损失，以及图上的运行所沿的梯度：完整梯度在平面两个方向上的投影</translation>
    </message>
    <message>
        <source>Build a network landscape (Network tab) to see backprop at a point of its slice.</source>
        <translation>构建神经网络地形（“神经网络”标签页）后，即可查看其切片上某一点的反向传播。</translation>
    </message>
    <message>
        <source>At {what}: α = {a:.4g}, β = {b:.4g}, L = {loss:.6g}&lt;br&gt;In-plane gradient (d{s1}·∇&lt;sub&gt;θ&lt;/sub&gt;L, d{s2}·∇&lt;sub&gt;θ&lt;/sub&gt;L) = ({ga:.6g}, {gb:.6g})</source>
        <translation>{what}：α = {a:.4g}，β = {b:.4g}，L = {loss:.6g}&lt;br&gt;平面内梯度 (d{s1}·∇&lt;sub&gt;θ&lt;/sub&gt;L, d{s2}·∇&lt;sub&gt;θ&lt;/sub&gt;L) = ({ga:.6g}, {gb:.6g})</translation>
    </message>
    <message>
        <source>sigmoid + binary CE: δ{l} = ∂L/∂z{l} = (ŷ − t) / N</source>
        <translation>sigmoid + 二元交叉熵：δ{l} = ∂L/∂z{l} = (ŷ − t) / N</translation>
    </message>
    <message>
        <source>softmax + CE: δ{l} = ∂L/∂z{l} = (ŷ − t) / N</source>
        <translation>softmax + 交叉熵：δ{l} = ∂L/∂z{l} = (ŷ − t) / N</translation>
    </message>
    <message>
        <source>identity output, MSE: δ{l} = ∂L/∂ŷ = 2 (ŷ − t) / (N·n{l})</source>
        <translation>恒等输出 + 均方误差：δ{l} = ∂L/∂ŷ = 2 (ŷ − t) / (N·n{l})</translation>
    </message>
</context>
<context>
    <name>BasinOverlay</name>
    <message>
        <source>&amp;Basin map</source>
        <translation>吸引域图(&amp;B)</translation>
    </message>
    <message>
        <source>Colour every start point by the minimum descent reaches from it (or how fast)</source>
        <translation>按照从每个起点下降所到达的极小值（或到达速度）为其着色</translation>
    </message>
    <message>
        <source>{tip} (B)</source>
        <translation>{tip} (B)</translation>
    </message>
    <message>
        <source>the basin map resolution must be between {lo} and {hi}</source>
        <translation>吸引域图的分辨率必须在 {lo} 到 {hi} 之间</translation>
    </message>
    <message>
        <source>Basin map unavailable: {error}</source>
        <translation>吸引域图不可用：{error}</translation>
    </message>
    <message>
        <source>{n} steps</source>
        <translation>{n} 步</translation>
    </message>
    <message>
        <source>diverged</source>
        <translation>已发散</translation>
    </message>
    <message>
        <source>not converged in {n} steps</source>
        <translation>{n} 步内未收敛</translation>
    </message>
    <message>
        <source>basin of minimum ({x:.3f}, {y:.3f}), {share:.1f} % of the view</source>
        <translation>极小值 ({x:.3f}, {y:.3f}) 的吸引域，占视图的 {share:.1f} %</translation>
    </message>
    <message>
        <source>basin of discovered minimum ({x:.3f}, {y:.3f}), {share:.1f} % of the view</source>
        <translation>新发现的极小值 ({x:.3f}, {y:.3f}) 的吸引域，占视图的 {share:.1f} %</translation>
    </message>
    <message>
        <source> · converges in {n} steps</source>
        <translation> · {n} 步收敛</translation>
    </message>
</context>
<context>
    <name>BasinPanel</name>
    <message>
        <source>Show basin map (B)</source>
        <translation>显示吸引域图 (B)</translation>
    </message>
    <message>
        <source>Colour every start point of the view by where gradient descent from it ends, with the optimizer settings of the Optimizer panel (B)</source>
        <translation>按从每个起点出发的梯度下降最终停在何处，为视图中的每个起点着色，使用“优化器”面板中的设置 (B)</translation>
    </message>
    <message>
        <source>Basins: where descent ends</source>
        <translation>吸引域：下降终点</translation>
    </message>
    <message>
        <source>Speed: steps to converge</source>
        <translation>速度：收敛所需步数</translation>
    </message>
    <message>
        <source>Basins colours each start by the minimum it reaches; speed colours it by the number of steps to converge (log scale)</source>
        <translation>“吸引域”按每个起点到达的极小值着色；“速度”按收敛所需步数着色（对数刻度）</translation>
    </message>
    <message>
        <source>Opacity of the map over the landscape</source>
        <translation>吸引域图叠加在地形上的不透明度</translation>
    </message>
    <message>
        <source> per axis</source>
        <translation> 每轴</translation>
    </message>
    <message>
        <source>Start points per axis ({lo}–{hi}); a coarse {lo} × {lo} preview is shown first</source>
        <translation>每轴起点数（{lo}–{hi}）；先显示 {lo} × {lo} 的粗略预览</translation>
    </message>
    <message>
        <source>The map is computed in the background: a coarse preview first, then the full resolution</source>
        <translation>吸引域图在后台计算：先显示粗略预览，再显示完整分辨率</translation>
    </message>
    <message>
        <source>What the displayed map was computed with</source>
        <translation>当前吸引域图的计算设置</translation>
    </message>
    <message>
        <source>The basin under the cursor</source>
        <translation>光标下的吸引域</translation>
    </message>
    <message>
        <source>Basin of</source>
        <translation>极小值</translation>
    </message>
    <message>
        <source>f</source>
        <translation>f</translation>
    </message>
    <message>
        <source>Area</source>
        <translation>占比</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>The minimum the starts of this basin converge to</source>
        <translation>该吸引域中的起点所收敛到的极小值</translation>
    </message>
    <message>
        <source>f at that minimum</source>
        <translation>该极小值处的 f</translation>
    </message>
    <message>
        <source>Share of the view&apos;s start points that end there</source>
        <translation>视图中最终停在该处的起点所占的比例</translation>
    </message>
    <message>
        <source>Known: a catalogue minimum; discovered: found by clustering end points</source>
        <translation>已知：内置目录中的极小值；新发现：通过对终点聚类找到</translation>
    </message>
    <message>
        <source>Hover a row to highlight that basin on the map</source>
        <translation>将鼠标悬停在某一行上，即可在图上突出显示该吸引域</translation>
    </message>
    <message>
        <source>Export map data…</source>
        <translation>导出吸引域图数据…</translation>
    </message>
    <message>
        <source>Save the displayed map: one row per start point (x, y, label, steps, end point) as CSV, or all arrays as NumPy .npz</source>
        <translation>保存当前的吸引域图：CSV 格式每个起点一行（x、y、标签、步数、终点），或 NumPy .npz 格式保存全部数组</translation>
    </message>
    <message>
        <source>Colour by</source>
        <translation>着色方式</translation>
    </message>
    <message>
        <source>Opacity</source>
        <translation>不透明度</translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation>分辨率</translation>
    </message>
    <message>
        <source>{p} %</source>
        <translation>{p} %</translation>
    </message>
    <message>
        <source>known</source>
        <translation>已知</translation>
    </message>
    <message>
        <source>discovered</source>
        <translation>新发现</translation>
    </message>
    <message>
        <source>not converged in {n} steps</source>
        <translation>{n} 步内未收敛</translation>
    </message>
    <message>
        <source>diverged</source>
        <translation>已发散</translation>
    </message>
    <message>
        <source>{p:.1f} %</source>
        <translation>{p:.1f} %</translation>
    </message>
    <message>
        <source>The map is off: nothing is computed.</source>
        <translation>吸引域图已关闭：不进行任何计算。</translation>
    </message>
    <message>
        <source>Computing the map…</source>
        <translation>正在计算吸引域图…</translation>
    </message>
    <message>
        <source>full map</source>
        <translation>完整图</translation>
    </message>
    <message>
        <source>coarse preview</source>
        <translation>粗略预览</translation>
    </message>
    <message>
        <source>{n} × {n} starts ({stage}), {opt} η = {lr:g}, at most {steps} steps, {t:.2f} s</source>
        <translation>{n} × {n} 个起点（{stage}），{opt} η = {lr:g}，最多 {steps} 步，{t:.2f} 秒</translation>
    </message>
    <message>
        <source>Coarser than the {r} × {r} asked for: every start needs a costly gradient (e.g. a backprop) per step, so the map is kept to about a minute.</source>
        <translation>比所要求的 {r} × {r} 更粗：每个起点每一步都要计算一次代价高的梯度（例如一次反向传播），所以把整张图的计算控制在大约一分钟内。</translation>
    </message>
    <message>
        <source>full map… {p} %</source>
        <translation>完整图… {p} %</translation>
    </message>
    <message>
        <source>computing… {p} %</source>
        <translation>计算中… {p} %</translation>
    </message>
    <message>
        <source>Hover the map or a row to highlight a basin</source>
        <translation>将鼠标悬停在图上或某一行上以突出显示吸引域</translation>
    </message>
    <message>
        <source>Export map data</source>
        <translation>导出吸引域图数据</translation>
    </message>
    <message>
        <source>CSV table (*.csv);;NumPy arrays (*.npz)</source>
        <translation>CSV 表格 (*.csv);;NumPy 数组 (*.npz)</translation>
    </message>
    <message>
        <source>No basin map to export yet</source>
        <translation>还没有可导出的吸引域图</translation>
    </message>
    <message>
        <source>Could not export the map: {error}</source>
        <translation>无法导出吸引域图：{error}</translation>
    </message>
    <message>
        <source>Map data saved to {path}</source>
        <translation>吸引域图数据已保存到 {path}</translation>
    </message>
</context>
<context>
    <name>CalculusTools</name>
    <message>
        <source>Slices: ∂f/∂x and ∂f/∂y</source>
        <translation>切片：∂f/∂x 与 ∂f/∂y</translation>
    </message>
    <message>
        <source>Directional derivative D_u f</source>
        <translation>方向导数 D_u f</translation>
    </message>
    <message>
        <source>Chain rule</source>
        <translation>链式法则</translation>
    </message>
</context>
<context>
    <name>ChainPanel</name>
    <message>
        <source>A formula of x alone, e.g. sin(x^2), x*exp(-x), sigmoid(2*x - 1)</source>
        <translation>只含 x 的公式，例如 sin(x^2)、x*exp(-x)、sigmoid(2*x - 1)</translation>
    </message>
    <message>
        <source>◀ Back</source>
        <translation>◀ 上一步</translation>
    </message>
    <message>
        <source>Backward step ▶</source>
        <translation>反向一步 ▶</translation>
    </message>
    <message>
        <source>Multiply one more local derivative: ∂h/∂child += ∂h/∂parent × ∂parent/∂child</source>
        <translation>再乘一个局部导数：∂h/∂子节点 += ∂h/∂父节点 × ∂父节点/∂子节点</translation>
    </message>
    <message>
        <source>h(x) =</source>
        <translation>h(x) =</translation>
    </message>
    <message>
        <source>at x =</source>
        <translation>在 x =</translation>
    </message>
    <message>
        <source>Not accepted: {error}</source>
        <translation>无法接受：{error}</translation>
    </message>
    <message>
        <source>Step {k} of {n}: ∂h/∂({child}) += {up:.4g} × {local:.4g} = {p:.4g}</source>
        <translation>第 {k} 步，共 {n} 步：∂h/∂({child}) += {up:.4g} × {local:.4g} = {p:.4g}</translation>
    </message>
    <message>
        <source>Forward pass done: h({x:g}) = {v:.6g}. Press “Backward step” to apply the chain rule, starting from ∂h/∂h = 1.</source>
        <translation>前向传播完成：h({x:g}) = {v:.6g}。按“反向一步”应用链式法则，从 ∂h/∂h = 1 开始。</translation>
    </message>
    <message>
        <source>dh/dx = {d:.6g} (backward pass);  sympy: dh/dx = {s} = {v:.6g}  {ok}</source>
        <translation>dh/dx = {d:.6g}（反向传播）；  sympy：dh/dx = {s} = {v:.6g}  {ok}</translation>
    </message>
    <message>
        <source>agree</source>
        <translation>一致</translation>
    </message>
    <message>
        <source>DIFFER</source>
        <translation>不一致</translation>
    </message>
</context>
<context>
    <name>ConvexityOverlay</name>
    <message>
        <source>Con&amp;vexity map |λmin/λmax|</source>
        <translation>凸性图 |λmin/λmax|(&amp;V)</translation>
    </message>
    <message>
        <source>Colour the network slice by |λmin/λmax| of the full Hessian (Li et al. 2018, Fig. 7); computed for the view on screen</source>
        <translation>按完整 Hessian 的 |λmin/λmax| 为网络切片着色（Li 等 2018，图 7）；针对屏幕上的视图计算</translation>
    </message>
    <message>
        <source>the convexity map&apos;s resolution must be between {lo} and {hi}</source>
        <translation>凸性图的分辨率必须在 {lo} 到 {hi} 之间</translation>
    </message>
    <message>
        <source>The convexity map needs a network slice: build one in the Network tab</source>
        <translation>凸性图需要网络切片：请在“网络”选项卡中构建一个</translation>
    </message>
    <message>
        <source>0 convex</source>
        <translation>0 凸</translation>
    </message>
    <message>
        <source>{v} non-convex</source>
        <translation>{v} 非凸</translation>
    </message>
    <message>
        <source>Hessian at α = {a:.3g}, β = {b:.3g}: λmin = {lo:.4g}, λmax = {hi:.4g}, |λmin/λmax| = {r:.3g}</source>
        <translation>α = {a:.3g}、β = {b:.3g} 处的 Hessian：λmin = {lo:.4g}，λmax = {hi:.4g}，|λmin/λmax| = {r:.3g}</translation>
    </message>
    <message>
        <source> (locally convex)</source>
        <translation>（局部凸）</translation>
    </message>
</context>
<context>
    <name>CurvesView</name>
    <message>
        <source>f at each iteration, one curve per run; drag the dashed line to scrub</source>
        <translation>每次迭代的 f，每个运行一条曲线；拖动虚线可来回浏览</translation>
    </message>
    <message>
        <source>Gradient norm |∇f| at each iteration (log scale); drag the dashed line to scrub</source>
        <translation>每次迭代的梯度范数 |∇f|（对数刻度）；拖动虚线可来回浏览</translation>
    </message>
    <message>
        <source>No runs yet: click the map to start one</source>
        <translation>还没有运行：点击地图开始一个</translation>
    </message>
    <message>
        <source>iteration t</source>
        <translation>迭代 t</translation>
    </message>
    <message>
        <source>Diverged: the run stopped here</source>
        <translation>已发散：运行在此停止</translation>
    </message>
    <message>
        <source>Log &amp;scale for f</source>
        <translation>f 使用对数刻度(&amp;S)</translation>
    </message>
    <message>
        <source>Draw f − f* on a logarithmic axis (f* = the landscape&apos;s known minimum)</source>
        <translation>在对数坐标轴上绘制 f − f*（f* = 该地形的已知极小值）</translation>
    </message>
    <message>
        <source>{run}: test loss</source>
        <translation>{run}：测试损失</translation>
    </message>
    <message>
        <source>{run}: loss on each step&apos;s mini-batch</source>
        <translation>{run}：每一步小批量上的损失</translation>
    </message>
    <message>
        <source>training loss</source>
        <translation>训练损失</translation>
    </message>
    <message>
        <source>mini-batch loss</source>
        <translation>小批量损失</translation>
    </message>
    <message>
        <source>test loss</source>
        <translation>测试损失</translation>
    </message>
    <message>
        <source>f − f*  (f* = {f:.6g})</source>
        <translation>f − f*  (f* = {f:.6g})</translation>
    </message>
    <message>
        <source>  (values ≤ {floor:g} clipped)</source>
        <translation>  （≤ {floor:g} 的值被截断）</translation>
    </message>
</context>
<context>
    <name>DataView</name>
    <message>
        <source>Which parameters the prediction uses: the selected run at the current iteration, else the point under the cursor, else the slice centre</source>
        <translation>预测所用的参数：选中运行在当前迭代时的参数；若无选中运行，则用光标下的点；否则用切片中心</translation>
    </message>
    <message>
        <source>The dataset (colour = class) over the network&apos;s predicted probability, with the decision boundary; for regression the fitted curve</source>
        <translation>数据集（颜色 = 类别）叠加在网络预测的概率上，并显示决策边界；回归任务则显示拟合曲线</translation>
    </message>
    <message>
        <source>Rings: held-out test points (not trained on); filled: training points</source>
        <translation>圆环：留出的测试点（未参与训练）；实心：训练点</translation>
    </message>
    <message>
        <source>The sample traced in the network graph (click another point to trace it)</source>
        <translation>网络图中追踪的样本（点击另一个点即可追踪它）</translation>
    </message>
    <message>
        <source>Build a network landscape to see its data and predictions.</source>
        <translation>构建神经网络地形后，即可查看其数据和预测。</translation>
    </message>
    <message>
        <source>, accuracy {acc:.1%}</source>
        <translation>，准确率 {acc:.1%}</translation>
    </message>
    <message>
        <source>; test loss {loss:.4g}</source>
        <translation>；测试损失 {loss:.4g}</translation>
    </message>
    <message>
        <source>, test accuracy {acc:.1%}</source>
        <translation>，测试准确率 {acc:.1%}</translation>
    </message>
    <message>
        <source>Prediction at {what}: α = {a:.4g}, β = {b:.4g}; loss {loss:.4g}{extra}</source>
        <translation>预测（{what}）：α = {a:.4g}，β = {b:.4g}；损失 {loss:.4g}{extra}</translation>
    </message>
</context>
<context>
    <name>DesktopEntry</name>
    <message>
        <source>Gradient descent visualiser</source>
        <translation>梯度下降可视化工具</translation>
    </message>
    <message>
        <source>Watch gradient descent happen on 2D landscapes and network loss slices</source>
        <translation>在二维地形和神经网络损失切片上观看梯度下降的过程</translation>
    </message>
    <message>
        <source>gradient;descent;optimizer;optimization;machine learning;</source>
        <translation>梯度;下降;优化器;优化;机器学习;gradient;descent;optimizer;</translation>
    </message>
</context>
<context>
    <name>DirectionProbe</name>
    <message>
        <source>Turn u = (cos θ, sin θ)</source>
        <translation>转动 u = (cos θ, sin θ)</translation>
    </message>
    <message>
        <source>Sweep</source>
        <translation>自动旋转</translation>
    </message>
    <message>
        <source>Turn u round and round on its own</source>
        <translation>让 u 自己一圈圈地转</translation>
    </message>
    <message>
        <source>D_u f for every direction θ: white where f rises, red where it falls (drawn at |D_u f|); the largest value lies along ∇f</source>
        <translation>每个方向 θ 上的 D_u f：白色表示 f 上升，红色表示 f 下降（按 |D_u f| 绘制）；最大值位于 ∇f 方向</translation>
    </message>
    <message>
        <source>Move the cursor over the map (or pin a point)</source>
        <translation>把光标移到地图上（或固定一个点）</translation>
    </message>
    <message>
        <source>undefined (stationary point)</source>
        <translation>无定义（驻点）</translation>
    </message>
    <message>
        <source>At ({x:.4g}, {y:.4g}): u = (cos θ, sin θ) = ({ux:.3f}, {uy:.3f}) for θ = {t:.0f}°
D_u f = ∇f·u = {d:.4g}    |∇f| = {n:.4g}    ∇f points at {a}</source>
        <translation>在 ({x:.4g}, {y:.4g})：u = (cos θ, sin θ) = ({ux:.3f}, {uy:.3f})，θ = {t:.0f}°
D_u f = ∇f·u = {d:.4g}    |∇f| = {n:.4g}    ∇f 指向 {a}</translation>
    </message>
</context>
<context>
    <name>EngineErrors</name>
    <message>
        <source>empty formula</source>
        <translation>公式为空</translation>
    </message>
    <message>
        <source>type an expression in x and y, such as {example}</source>
        <translation>请输入关于 x 和 y 的表达式，例如 {example}</translation>
    </message>
    <message>
        <source>the formula is too long ({n} characters; at most {max})</source>
        <translation>公式过长（{n} 个字符；最多 {max} 个）</translation>
    </message>
    <message>
        <source>strings are not allowed</source>
        <translation>不允许使用字符串</translation>
    </message>
    <message>
        <source>comments are not allowed</source>
        <translation>不允许使用注释</translation>
    </message>
    <message>
        <source>only one formula at a time is allowed</source>
        <translation>一次只能输入一个公式</translation>
    </message>
    <message>
        <source>write the formula on one line</source>
        <translation>请把公式写在一行内</translation>
    </message>
    <message>
        <source>&apos;{char}&apos; ({name}) is not allowed</source>
        <translation>不允许使用字符“{char}”</translation>
    </message>
    <message>
        <source>type plain ASCII letters</source>
        <translation>请输入半角英文字母</translation>
    </message>
    <message>
        <source>the control character {code} is not allowed</source>
        <translation>不允许使用控制字符 {code}</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not allowed</source>
        <translation>不允许使用“{text}”</translation>
    </message>
    <message>
        <source>use numbers, x, y, + - * / ^ and functions</source>
        <translation>请使用数字、x、y、+ - * / ^ 和函数</translation>
    </message>
    <message>
        <source>use + - * / ^</source>
        <translation>请使用 + - * / ^</translation>
    </message>
    <message>
        <source>{what} is not allowed</source>
        <translation>不允许使用{what}</translation>
    </message>
    <message>
        <source>too deeply nested (more than {n} parentheses)</source>
        <translation>嵌套过深（超过 {n} 层括号）</translation>
    </message>
    <message>
        <source>unexpected &apos;{text}&apos;</source>
        <translation>此处不应出现“{text}”</translation>
    </message>
    <message>
        <source>it closes nothing</source>
        <translation>它没有可闭合的括号</translation>
    </message>
    <message>
        <source>expected a closing parenthesis</source>
        <translation>缺少右括号</translation>
    </message>
    <message>
        <source>the &apos;{text}&apos; here is never closed</source>
        <translation>此处的“{text}”没有闭合</translation>
    </message>
    <message>
        <source>{name} needs parentheses</source>
        <translation>{name} 需要括号</translation>
    </message>
    <message>
        <source>missing operator between &apos;{left}&apos; and &apos;{right}&apos;</source>
        <translation>“{left}”与“{right}”之间缺少运算符</translation>
    </message>
    <message>
        <source>missing operator before &apos;(&apos;</source>
        <translation>“(”前缺少运算符</translation>
    </message>
    <message>
        <source>write *(…) to multiply</source>
        <translation>乘法请写成 *(…)</translation>
    </message>
    <message>
        <source>write {code}</source>
        <translation>请写成 {code}</translation>
    </message>
    <message>
        <source>assignments are not allowed</source>
        <translation>不允许赋值</translation>
    </message>
    <message>
        <source>the formula is too complicated</source>
        <translation>公式过于复杂</translation>
    </message>
    <message>
        <source>the formula ends too early after &apos;{text}&apos;</source>
        <translation>公式在“{text}”之后意外结束</translation>
    </message>
    <message>
        <source>the formula is too large (more than {n} parts)</source>
        <translation>公式过大（超过 {n} 个部分）</translation>
    </message>
    <message>
        <source>the formula is nested too deeply (more than {n} levels)</source>
        <translation>公式嵌套过深（超过 {n} 层）</translation>
    </message>
    <message>
        <source>functions are nested too deeply (more than {n} inside each other)</source>
        <translation>函数嵌套过深（超过 {n} 层相互嵌套）</translation>
    </message>
    <message>
        <source>the formula nests too many functions to differentiate quickly</source>
        <translation>公式嵌套的函数太多，无法快速求导</translation>
    </message>
    <message>
        <source>use fewer or shallower nested functions</source>
        <translation>请减少函数嵌套的数量或层数</translation>
    </message>
    <message>
        <source>the formula is too complicated to differentiate quickly</source>
        <translation>公式过于复杂，无法快速求导</translation>
    </message>
    <message>
        <source>simplify it or nest fewer functions</source>
        <translation>请化简公式或减少函数嵌套</translation>
    </message>
    <message>
        <source>this formula cannot be differentiated here</source>
        <translation>此处无法对该公式求导</translation>
    </message>
    <message>
        <source>this formula has no real value anywhere</source>
        <translation>该公式在任何点都没有实数值</translation>
    </message>
    <message>
        <source>e.g. sqrt or log of something negative for every x and y</source>
        <translation>例如对所有 x 和 y 都为负的量取 sqrt 或 log</translation>
    </message>
    <message>
        <source>division by zero</source>
        <translation>除以零</translation>
    </message>
    <message>
        <source>the divisor here is 0 for every x and y</source>
        <translation>此处的除数对所有 x 和 y 都为 0</translation>
    </message>
    <message>
        <source>{name} is undefined here for every x and y</source>
        <translation>{name} 在此处对所有 x 和 y 都无定义</translation>
    </message>
    <message>
        <source>its argument is outside its domain or a pole</source>
        <translation>其自变量超出定义域或位于极点</translation>
    </message>
    <message>
        <source>this part is undefined for every x and y</source>
        <translation>这一部分对所有 x 和 y 都无定义</translation>
    </message>
    <message>
        <source>it divides by zero or leaves the domain of a function</source>
        <translation>它除以零或超出了某个函数的定义域</translation>
    </message>
    <message>
        <source>only numbers, x and y are allowed here</source>
        <translation>此处只允许数字、x 和 y</translation>
    </message>
    <message>
        <source>the number {number} is too large</source>
        <translation>数 {number} 过大</translation>
    </message>
    <message>
        <source>at most {max}</source>
        <translation>最多为 {max}</translation>
    </message>
    <message>
        <source>{name} is a function</source>
        <translation>{name} 是函数</translation>
    </message>
    <message>
        <source>unknown name &apos;{name}&apos;</source>
        <translation>未知名称“{name}”</translation>
    </message>
    <message>
        <source>did you mean {name}?</source>
        <translation>您是否想输入 {name}？</translation>
    </message>
    <message>
        <source>use x and y</source>
        <translation>请使用 x 和 y</translation>
    </message>
    <message>
        <source>use {names}</source>
        <translation>可用函数：{names}</translation>
    </message>
    <message>
        <source>the exponent is too large</source>
        <translation>指数过大</translation>
    </message>
    <message>
        <source>this part has no real value</source>
        <translation>这一部分没有实数值</translation>
    </message>
    <message>
        <source>e.g. log or sqrt of a negative number</source>
        <translation>例如对负数取 log 或 sqrt</translation>
    </message>
    <message>
        <source>this number is too large</source>
        <translation>这个数过大</translation>
    </message>
    <message>
        <source>constant parts may be at most {max}</source>
        <translation>常数部分最多为 {max}</translation>
    </message>
    <message>
        <source>the numbers in this part grow too large</source>
        <translation>这一部分中的数增长得过大</translation>
    </message>
    <message>
        <source>use smaller numbers or exponents</source>
        <translation>请使用更小的数或指数</translation>
    </message>
    <message>
        <source>unknown function &apos;{name}&apos;</source>
        <translation>未知函数“{name}”</translation>
    </message>
    <message>
        <source>{name} takes {n} argument(s)</source>
        <translation>{name} 需要 {n} 个参数</translation>
    </message>
    <message>
        <source>x must be a finite number</source>
        <translation>x 必须是有限数</translation>
    </message>
    <message>
        <source>use x alone here: the chain rule is shown for h(x), a formula without y</source>
        <translation>此处只能使用 x：链式法则针对不含 y 的公式 h(x) 展示</translation>
    </message>
    <message>
        <source>{hyper} must satisfy {rule}, got {value}</source>
        <translation>{hyper} 必须满足 {rule}，实际为 {value}</translation>
    </message>
    <message>
        <source>{hyper} must be a real number, got {value}</source>
        <translation>{hyper} 必须是实数，实际为 {value}</translation>
    </message>
    <message>
        <source>{hyper} must be finite, got {value}</source>
        <translation>{hyper} 必须是有限数，实际为 {value}</translation>
    </message>
    <message>
        <source>the learning rate η must be a finite number &gt; 0, got {value}</source>
        <translation>学习率 η 必须是大于 0 的有限数，实际为 {value}</translation>
    </message>
    <message>
        <source>unknown hyper-parameter &apos;{name}&apos; for {optimizer}; allowed: {allowed}</source>
        <translation>{optimizer} 没有超参数“{name}”；允许的超参数：{allowed}</translation>
    </message>
    <message>
        <source>the optimizer must be one of {allowed}; got {value}</source>
        <translation>优化器必须是 {allowed} 之一；实际为 {value}</translation>
    </message>
    <message>
        <source>the number of steps must be an integer ≥ 1, got {value}</source>
        <translation>步数必须是 ≥ 1 的整数，实际为 {value}</translation>
    </message>
    <message>
        <source>f or its gradient is not finite at start {k}</source>
        <translation>f 或其梯度在起点 {k} 处不是有限值</translation>
    </message>
    <message>
        <source>starts must be finite; start {k} is {value}</source>
        <translation>起点必须是有限值；起点 {k} 为 {value}</translation>
    </message>
    <message>
        <source>f or its gradient is not finite at the start</source>
        <translation>f 或其梯度在起点处不是有限值</translation>
    </message>
    <message>
        <source>the number of values must be an integer ≥ 1, got {value}</source>
        <translation>取值个数必须是 ≥ 1 的整数，实际为 {value}</translation>
    </message>
    <message>
        <source>the range must be finite with low ≤ high, got {range}</source>
        <translation>范围必须有限且下限 ≤ 上限，实际为 {range}</translation>
    </message>
    <message>
        <source>a log-spaced range needs low &gt; 0, got {value}</source>
        <translation>对数间隔的范围要求下限 &gt; 0，实际为 {value}</translation>
    </message>
    <message>
        <source>{optimizer} has no second map axis; only {allowed} have one</source>
        <translation>{optimizer} 没有第二个图轴；只有 {allowed} 有</translation>
    </message>
    <message>
        <source>{hyper} is the map&apos;s second axis; it cannot also be fixed</source>
        <translation>{hyper} 是图的第二个轴，不能同时被固定</translation>
    </message>
    <message>
        <source>the map&apos;s axes must be non-empty lists of numbers</source>
        <translation>图的轴必须是非空的数值列表</translation>
    </message>
    <message>
        <source>the Hessian is not defined at {point}</source>
        <translation>Hessian 在 {point} 处无定义</translation>
    </message>
    <message>
        <source>the point must be finite, got {point}</source>
        <translation>该点必须是有限值，实际为 {point}</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>this network landscape needs about {work} operations ({n} samples × {params} parameters × {res}² grid points, plus training); at most {max}: lower {setting}</source>
        <translation>该网络地形约需 {work} 次运算（{n} 个样本 × {params} 个参数 × {res}² 个网格点，另加训练）；上限为 {max}：请降低{setting}</translation>
    </message>
    <message>
        <source>the number of samples dataset.n ({n})</source>
        <translation>样本数 dataset.n（{n}）</translation>
    </message>
    <message>
        <source>the layer sizes ({layers}: {params} parameters)</source>
        <translation>各层大小（{layers}：{params} 个参数）</translation>
    </message>
    <message>
        <source>the resolution ({res})</source>
        <translation>分辨率（{res}）</translation>
    </message>
    <message>
        <source>the steps of the runs and the training ({steps})</source>
        <translation>运行与训练的步数（{steps}）</translation>
    </message>
    <message>
        <source>hidden layer {i} has {n} units; every layer needs at least 1</source>
        <translation>隐藏层 {i} 有 {n} 个单元；每层至少需要 1 个</translation>
    </message>
    <message>
        <source>hidden layer {i} has {n} units; at most {max} units per layer are allowed</source>
        <translation>隐藏层 {i} 有 {n} 个单元；每层最多允许 {max} 个</translation>
    </message>
    <message>
        <source>the {what} has {n} units; every layer needs at least 1</source>
        <translation>{what}有 {n} 个单元；每层至少需要 1 个</translation>
    </message>
    <message>
        <source>the {what} has {n} units; at most {max} units per layer are allowed</source>
        <translation>{what}有 {n} 个单元；每层最多允许 {max} 个</translation>
    </message>
    <message>
        <source>a network needs at least an input and an output layer, e.g. {example}</source>
        <translation>网络至少需要一个输入层和一个输出层，例如 {example}</translation>
    </message>
    <message>
        <source>layer sizes must be whole numbers, got {value}</source>
        <translation>各层大小必须是整数，实际为 {value}</translation>
    </message>
    <message>
        <source>binary cross-entropy needs 1 output unit, the network has {n}</source>
        <translation>二元交叉熵需要 1 个输出单元，而网络有 {n} 个</translation>
    </message>
    <message>
        <source>softmax cross-entropy needs at least 2 output units (one per class)</source>
        <translation>Softmax 交叉熵至少需要 2 个输出单元（每个类别一个）</translation>
    </message>
    <message>
        <source>got {n} activations for {k} hidden layers; give one name, or one per hidden layer</source>
        <translation>{k} 个隐藏层给出了 {n} 个激活函数；请给出一个，或每个隐藏层一个</translation>
    </message>
    <message>
        <source>the dataset has {n} input feature(s) but the network&apos;s input layer has {k} unit(s)</source>
        <translation>数据集有 {n} 个输入特征，但网络的输入层有 {k} 个单元</translation>
    </message>
    <message>
        <source>softmax cross-entropy needs integer class labels in [0, {n}) (the network has {n} output units)</source>
        <translation>Softmax 交叉熵需要 [0, {n}) 内的整数类别标签（网络有 {n} 个输出单元）</translation>
    </message>
    <message>
        <source>binary cross-entropy needs targets that are 0 or 1</source>
        <translation>二元交叉熵要求目标值为 0 或 1</translation>
    </message>
    <message>
        <source>the two directions are parallel; cannot orthogonalise (try another seed)</source>
        <translation>两个方向平行，无法正交化（请换一个随机种子）</translation>
    </message>
    <message>
        <source>the trajectory does not span two directions (it is a point or a straight line)</source>
        <translation>该轨迹张不成两个方向（它是一个点或一条直线）</translation>
    </message>
    <message>
        <source>a Hessian slice needs a network with at least 2 parameters</source>
        <translation>Hessian 切片需要至少有 2 个参数的网络</translation>
    </message>
    <message>
        <source>filter-normalised directions are zero because all weights are zero; use normalization=&apos;none&apos;</source>
        <translation>所有权重都为零，按滤波器归一化的方向为零；请使用 normalization=&apos;none&apos;</translation>
    </message>
    <message>
        <source>choose two different parameters (both are {name})</source>
        <translation>请选择两个不同的参数（两个都是 {name}）</translation>
    </message>
    <message>
        <source>param_a and param_b must be two different parameters (both are {name})</source>
        <translation>param_a 与 param_b 必须是两个不同的参数（两个都是 {name}）</translation>
    </message>
    <message>
        <source>no parameter named {name} in this network; valid names: {valid}</source>
        <translation>该网络中没有名为 {name} 的参数；有效名称：{valid}</translation>
    </message>
    <message>
        <source>a test fraction of {f} leaves {k} of {n} points for training; lower it or use more points</source>
        <translation>测试集比例 {f} 只给训练留下 {n} 个点中的 {k} 个；请降低比例或使用更多点</translation>
    </message>
    <message>
        <source>the dataset {name} needs scikit-learn, which is not installed ({command})</source>
        <translation>数据集 {name} 需要 scikit-learn，但它尚未安装（{command}）</translation>
    </message>
    <message>
        <source>the learning rate must be a positive number, got {value}</source>
        <translation>学习率必须是正数，实际为 {value}</translation>
    </message>
    <message>
        <source>the L2 strength λ must be a finite number ≥ 0, got {value}</source>
        <translation>L2 强度 λ 必须是 ≥ 0 的有限数，实际为 {value}</translation>
    </message>
    <message>
        <source>the file has {n} bytes; at most {max} are read</source>
        <translation>文件有 {n} 字节；最多读取 {max} 字节</translation>
    </message>
    <message>
        <source>cannot be read ({problem})</source>
        <translation>无法读取（{problem}）</translation>
    </message>
    <message>
        <source>not UTF-8 text (is this a CSV file?)</source>
        <translation>不是 UTF-8 文本（这是 CSV 文件吗？）</translation>
    </message>
    <message>
        <source>the file is empty; expected rows of x1, x2, label</source>
        <translation>文件为空；应为 x1, x2, label 形式的行</translation>
    </message>
    <message>
        <source>only a header, no data rows</source>
        <translation>只有表头，没有数据行</translation>
    </message>
    <message>
        <source>more than {max} data rows</source>
        <translation>数据行超过 {max} 行</translation>
    </message>
    <message>
        <source>{n} column(s), expected 3 (x1, x2, label)</source>
        <translation>有 {n} 列，应为 3 列（x1, x2, label）</translation>
    </message>
    <message>
        <source>{field} is not a number</source>
        <translation>{field} 不是数</translation>
    </message>
    <message>
        <source>{field} is not a finite number</source>
        <translation>{field} 不是有限数</translation>
    </message>
    <message>
        <source>the label {field} is not a whole number (class labels are 0, 1, 2, …)</source>
        <translation>标签 {field} 不是整数（类别标签为 0, 1, 2, …）</translation>
    </message>
    <message>
        <source>every row has the label {label}; a classifier needs at least two classes</source>
        <translation>每一行的标签都是 {label}；分类器至少需要两个类别</translation>
    </message>
    <message>
        <source>{n} different labels; at most {max} classes</source>
        <translation>有 {n} 种不同的标签；最多 {max} 个类别</translation>
    </message>
    <message>
        <source>attribute access</source>
        <translation>属性访问</translation>
    </message>
    <message>
        <source>indexing with [ ]</source>
        <translation>方括号 [ ] 索引</translation>
    </message>
    <message>
        <source>comparison</source>
        <translation>比较运算</translation>
    </message>
    <message>
        <source>assignment</source>
        <translation>赋值</translation>
    </message>
    <message>
        <source>lambda</source>
        <translation>lambda 表达式</translation>
    </message>
    <message>
        <source>if … else</source>
        <translation>if … else 条件表达式</translation>
    </message>
    <message>
        <source>and/or</source>
        <translation>and/or 逻辑运算</translation>
    </message>
    <message>
        <source>starred arguments</source>
        <translation>带星号的参数</translation>
    </message>
    <message>
        <source>a list</source>
        <translation>列表</translation>
    </message>
    <message>
        <source>a set</source>
        <translation>集合</translation>
    </message>
    <message>
        <source>a tuple (a comma outside a function call)</source>
        <translation>元组（函数调用之外的逗号）</translation>
    </message>
    <message>
        <source>a dictionary</source>
        <translation>字典</translation>
    </message>
    <message>
        <source>a comprehension</source>
        <translation>推导式</translation>
    </message>
    <message>
        <source>strings</source>
        <translation>字符串</translation>
    </message>
    <message>
        <source>a slice</source>
        <translation>切片</translation>
    </message>
    <message>
        <source>await</source>
        <translation>await 表达式</translation>
    </message>
    <message>
        <source>yield</source>
        <translation>yield 表达式</translation>
    </message>
    <message>
        <source>an object</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>a string</source>
        <translation>字符串</translation>
    </message>
    <message>
        <source>a boolean</source>
        <translation>布尔值</translation>
    </message>
    <message>
        <source>null</source>
        <translation>空值 null</translation>
    </message>
    <message>
        <source>an integer</source>
        <translation>整数</translation>
    </message>
    <message>
        <source>a number</source>
        <translation>数</translation>
    </message>
    <message>
        <source>input layer</source>
        <translation>输入层</translation>
    </message>
    <message>
        <source>output layer</source>
        <translation>输出层</translation>
    </message>
    <message>
        <source>no such file or directory</source>
        <translation>文件或目录不存在</translation>
    </message>
    <message>
        <source>permission denied</source>
        <translation>权限不足</translation>
    </message>
    <message>
        <source>is a directory</source>
        <translation>这是一个目录</translation>
    </message>
    <message>
        <source>not a directory</source>
        <translation>不是目录</translation>
    </message>
    <message>
        <source>no space left on device</source>
        <translation>设备上没有剩余空间</translation>
    </message>
    <message>
        <source>read-only file system</source>
        <translation>文件系统为只读</translation>
    </message>
    <message>
        <source>a directory</source>
        <translation>一个目录</translation>
    </message>
    <message>
        <source>a named pipe (FIFO)</source>
        <translation>一个命名管道（FIFO）</translation>
    </message>
    <message>
        <source>a device</source>
        <translation>一个设备</translation>
    </message>
    <message>
        <source>a socket</source>
        <translation>一个套接字</translation>
    </message>
    <message>
        <source>Expecting value</source>
        <translation>此处应为一个值</translation>
    </message>
    <message>
        <source>Extra data</source>
        <translation>有多余的数据</translation>
    </message>
    <message>
        <source>Expecting &apos;,&apos; delimiter</source>
        <translation>此处应为分隔符“,”</translation>
    </message>
    <message>
        <source>Expecting &apos;:&apos; delimiter</source>
        <translation>此处应为分隔符“:”</translation>
    </message>
    <message>
        <source>Expecting property name enclosed in double quotes</source>
        <translation>此处应为用双引号括起的属性名</translation>
    </message>
    <message>
        <source>Unterminated string starting at</source>
        <translation>字符串没有结束</translation>
    </message>
    <message>
        <source>Invalid control character at</source>
        <translation>无效的控制字符</translation>
    </message>
    <message>
        <source>Invalid \escape</source>
        <translation>无效的转义序列</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>must be a number, got {type}</source>
        <translation>必须是数，实际为{type}</translation>
    </message>
    <message>
        <source>must be a positive finite number, got {value}</source>
        <translation>必须是正的有限数，实际为 {value}</translation>
    </message>
    <message>
        <source>must be a finite number, got {value}</source>
        <translation>必须是有限数，实际为 {value}</translation>
    </message>
    <message>
        <source>must be between {lo} and {hi}, got {value}</source>
        <translation>必须在 {lo} 到 {hi} 之间，实际为 {value}</translation>
    </message>
    <message>
        <source>must be an integer, got {type}</source>
        <translation>必须是整数，实际为{type}</translation>
    </message>
    <message>
        <source>must be true or false, got {type}</source>
        <translation>必须是 true 或 false，实际为{type}</translation>
    </message>
    <message>
        <source>must be a string, got {type}</source>
        <translation>必须是字符串，实际为{type}</translation>
    </message>
    <message>
        <source>is too long ({n} characters, at most {max})</source>
        <translation>过长（{n} 个字符，最多 {max} 个）</translation>
    </message>
    <message>
        <source>must be one of {allowed}, got {value}</source>
        <translation>必须是 {allowed} 之一，实际为 {value}</translation>
    </message>
    <message>
        <source>must be a colour written #rrggbb, got {value}</source>
        <translation>必须是写成 #rrggbb 的颜色，实际为 {value}</translation>
    </message>
    <message>
        <source>must be a list of two numbers, got {type}</source>
        <translation>必须是由两个数组成的列表，实际为{type}</translation>
    </message>
    <message>
        <source>must be an object, got {type}</source>
        <translation>必须是对象，实际为{type}</translation>
    </message>
    <message>
        <source>must be a list, got {type}</source>
        <translation>必须是列表，实际为{type}</translation>
    </message>
    <message>
        <source>is required but missing</source>
        <translation>是必需项，但缺失</translation>
    </message>
    <message>
        <source>unknown key(s) {names}</source>
        <translation>未知的键 {names}</translation>
    </message>
    <message>
        <source>is not a hyper-parameter of {optimizer}; allowed: {allowed}</source>
        <translation>不是 {optimizer} 的超参数；允许的超参数：{allowed}</translation>
    </message>
    <message>
        <source>minimum must be below maximum, got {value}</source>
        <translation>最小值必须小于最大值，实际为 {value}</translation>
    </message>
    <message>
        <source>has {n} runs, at most {max}</source>
        <translation>有 {n} 个运行，最多 {max} 个</translation>
    </message>
    <message>
        <source>has {n} entries, at most {max}</source>
        <translation>有 {n} 项，最多 {max} 项</translation>
    </message>
    <message>
        <source>must be {format}: this is not a Descent Lab scene</source>
        <translation>必须是 {format}：这不是 Descent Lab 场景文件</translation>
    </message>
    <message>
        <source>must be {version}, got {value}</source>
        <translation>必须是 {version}，实际为 {value}</translation>
    </message>
    <message>
        <source>{version} is not a Descent Lab scene version</source>
        <translation>{version} 不是 Descent Lab 场景文件的版本号</translation>
    </message>
    <message>
        <source>made by a newer Descent Lab (version {version}); this one reads up to {max}</source>
        <translation>由更新版本的 Descent Lab 创建（版本 {version}）；当前版本最多只能读取版本 {max}</translation>
    </message>
    <message>
        <source>a scene must be a JSON object, got {type}</source>
        <translation>场景文件必须是 JSON 对象，实际为{type}</translation>
    </message>
    <message>
        <source>contains characters a formula cannot contain</source>
        <translation>含有公式中不能出现的字符</translation>
    </message>
    <message>
        <source>formula refused: {error}</source>
        <translation>公式被拒绝：{error}</translation>
    </message>
    <message>
        <source>cannot be built: {error}</source>
        <translation>无法构建：{error}</translation>
    </message>
    <message>
        <source>is empty</source>
        <translation>为空</translation>
    </message>
    <message>
        <source>is not an option of the {method} slice (its options: {allowed})</source>
        <translation>不是 {method} 切片的选项（其选项：{allowed}）</translation>
    </message>
    <message>
        <source>must be a list of 2 to 10 layer sizes</source>
        <translation>必须是由 2 到 10 个层大小组成的列表</translation>
    </message>
    <message>
        <source>must be {n} (the inputs of {dataset}), got {value}</source>
        <translation>必须是 {n}（{dataset} 的输入个数），实际为 {value}</translation>
    </message>
    <message>
        <source>must be a list of 4 to {max} rows [x1, x2, label]</source>
        <translation>必须是由 4 到 {max} 行 [x1, x2, label] 组成的列表</translation>
    </message>
    <message>
        <source>must be a row [x1, x2, label]</source>
        <translation>必须是一行 [x1, x2, label]</translation>
    </message>
    <message>
        <source>has a single class; a classifier needs at least two</source>
        <translation>只有一个类别；分类器至少需要两个</translation>
    </message>
    <message>
        <source>labels must be numbered 0 … {n} without gaps, got {value}</source>
        <translation>标签必须连续编号为 0 … {n}，实际为 {value}</translation>
    </message>
    <message>
        <source>unknown function {name}; did you mean {close}?</source>
        <translation>未知函数 {name}；您是否想输入 {close}？</translation>
    </message>
    <message>
        <source>unknown function {name}; known: {known}</source>
        <translation>未知函数 {name}；已知函数：{known}</translation>
    </message>
    <message>
        <source>file too large ({n} bytes; a scene is at most {max} bytes)</source>
        <translation>文件过大（{n} 字节；场景文件最多 {max} 字节）</translation>
    </message>
    <message>
        <source>not a text file: invalid UTF-8 at byte {n}</source>
        <translation>不是文本文件：第 {n} 字节处是无效的 UTF-8</translation>
    </message>
    <message>
        <source>empty file: not a scene</source>
        <translation>文件为空：不是场景文件</translation>
    </message>
    <message>
        <source>not valid JSON: {json} at line {line}, column {col} (the file ends too early: truncated?)</source>
        <translation>不是有效的 JSON：第 {line} 行第 {col} 列，{json}（文件提前结束：是否被截断？）</translation>
    </message>
    <message>
        <source>not valid JSON: {json} at line {line}, column {col}</source>
        <translation>不是有效的 JSON：第 {line} 行第 {col} 列，{json}</translation>
    </message>
    <message>
        <source>not a scene: JSON nested too deeply</source>
        <translation>不是场景文件：JSON 嵌套过深</translation>
    </message>
    <message>
        <source>cannot read {path}: it is {what}, not a scene file</source>
        <translation>无法读取 {path}：它是{what}，不是场景文件</translation>
    </message>
    <message>
        <source>cannot read {path}: {problem}</source>
        <translation>无法读取 {path}：{problem}</translation>
    </message>
    <message>
        <source>cannot write to {path}: {problem}</source>
        <translation>无法写入 {path}：{problem}</translation>
    </message>
    <message>
        <source>{error} — {hint}</source>
        <translation>{error}——{hint}</translation>
    </message>
    <message>
        <source>{error} at character {column}</source>
        <translation>{error}（第 {column} 个字符处）</translation>
    </message>
    <message>
        <source>line {line}, column {col} ({header})</source>
        <translation>第 {line} 行第 {col} 列（{header}）</translation>
    </message>
    <message>
        <source>line {line}</source>
        <translation>第 {line} 行</translation>
    </message>
    <message>
        <source>column {col} ({header})</source>
        <translation>第 {col} 列（{header}）</translation>
    </message>
    <message>
        <source>{where}: {error}</source>
        <translation>{where}：{error}</translation>
    </message>
</context>
<context>
    <name>EngineTexts</name>
    <message>
        <source>identity</source>
        <translation>恒等</translation>
    </message>
    <message>
        <source>d{n} (filter-normalised)</source>
        <translation>d{n}（按滤波器归一化）</translation>
    </message>
    <message>
        <source>PC{n} ({share}% of the variance)</source>
        <translation>PC{n}（方差的 {share}%）</translation>
    </message>
    <message>
        <source>Network: {dataset}, {method} slice</source>
        <translation>神经网络：{dataset}，{method}切片</translation>
    </message>
    <message>
        <source>{method} slice of the network {model} (loss {loss}) on {dataset}</source>
        <translation>网络 {model}（损失 {loss}）在 {dataset} 上的{method}切片</translation>
    </message>
    <message>
        <source>Your own formula; its gradient is exact (symbolic).</source>
        <translation>你自己的公式；其梯度是精确的（符号求导）。</translation>
    </message>
    <message>
        <source>Your own formula; exact gradient, not smooth because of {kinks}.</source>
        <translation>你自己的公式；梯度精确，但因 {kinks} 而不光滑。</translation>
    </message>
</context>
<context>
    <name>Export</name>
    <message>
        <source>size must be (width, height) in pixels, got {size!r}</source>
        <translation>尺寸必须是以像素为单位的 (宽, 高)，实际为 {size!r}</translation>
    </message>
    <message>
        <source>size must be between {lo}×{lo} and {hi}×{hi} pixels, got {w}×{h}</source>
        <translation>尺寸必须在 {lo}×{lo} 到 {hi}×{hi} 像素之间，实际为 {w}×{h}</translation>
    </message>
    <message>
        <source>size must have an even width and height (video needs them), got {w}×{h}</source>
        <translation>尺寸的宽和高必须是偶数（视频格式要求），实际为 {w}×{h}</translation>
    </message>
    <message>
        <source>size must be WxH with even numbers, e.g. 1280x720; got {text!r}</source>
        <translation>尺寸必须写成 WxH（宽x高）且均为偶数，例如 1280x720；实际为 {text!r}</translation>
    </message>
    <message>
        <source>fps must be a positive number, got {fps!r}</source>
        <translation>fps 必须是正数，实际为 {fps!r}</translation>
    </message>
    <message>
        <source>duration must be a positive number of seconds, got {d!r}</source>
        <translation>时长必须是正的秒数，实际为 {d!r}</translation>
    </message>
    <message>
        <source>{n} frames is too many (at most {max})</source>
        <translation>{n} 帧太多了（最多 {max} 帧）</translation>
    </message>
    <message>
        <source>iterations per frame must be a positive number, got {v!r}</source>
        <translation>每帧迭代次数必须是正数，实际为 {v!r}</translation>
    </message>
    <message>
        <source>{n} frames is too many (at most {max}); show more iterations per frame</source>
        <translation>{n} 帧太多了（最多 {max} 帧）；请增加每帧的迭代次数</translation>
    </message>
    <message>
        <source>hold must be a number of seconds ≥ 0, got {v!r}</source>
        <translation>末帧停留时间必须是 ≥ 0 的秒数，实际为 {v!r}</translation>
    </message>
    <message>
        <source>panels must be one of {choices}, got {panels!r}</source>
        <translation>面板必须是 {choices} 之一，实际为 {panels!r}</translation>
    </message>
    <message>
        <source>{optimizer}  η = {lr}  start ({x}, {y})</source>
        <translation>{optimizer}  η = {lr}  起点 ({x}, {y})</translation>
    </message>
    <message>
        <source>… and {n} more runs</source>
        <translation>… 以及另外 {n} 次运行</translation>
    </message>
    <message>
        <source>Update rule of {optimizer}:</source>
        <translation>{optimizer} 的更新规则：</translation>
    </message>
    <message>
        <source>cannot draw the landscape: {error}</source>
        <translation>无法绘制地形：{error}</translation>
    </message>
    <message>
        <source>an animation is saved as .mp4, .gif or .apng, not {name!r}</source>
        <translation>动画只能保存为 .mp4、.gif 或 .apng，不能保存为 {name!r}</translation>
    </message>
    <message>
        <source>export to {name} cancelled after {n} frames</source>
        <translation>导出到 {name} 已在 {n} 帧后取消</translation>
    </message>
    <message>
        <source>the step must be a whole number or &apos;end&apos;, got {step!r}</source>
        <translation>步数必须是整数或 &apos;end&apos;，收到的是 {step!r}</translation>
    </message>
    <message>
        <source>step {step} is outside the runs&apos; steps 0 to {last} (use &apos;end&apos; for the last)</source>
        <translation>第 {step} 步超出了运行的步数范围 0 到 {last}（用 &apos;end&apos; 表示最后一步）</translation>
    </message>
    <message>
        <source>an image is saved as .png or .svg, not {name!r}</source>
        <translation>图像只能保存为 .png 或 .svg，不能保存为 {name!r}</translation>
    </message>
    <message>
        <source>data is saved as .csv or .json, not {name!r}</source>
        <translation>数据只能保存为 .csv 或 .json，不能保存为 {name!r}</translation>
    </message>
    <message>
        <source>cannot tell what to write from {name!r}: use .mp4, .gif, .apng, .png, .svg, .csv or .json</source>
        <translation>无法从 {name!r} 判断要写入的内容：请使用 .mp4、.gif、.apng、.png、.svg、.csv 或 .json</translation>
    </message>
</context>
<context>
    <name>ExportAnimationDialog</name>
    <message>
        <source>MP4 video (H.264)</source>
        <translation>MP4 视频 (H.264)</translation>
    </message>
    <message>
        <source>GIF (256 colours)</source>
        <translation>GIF（256 色）</translation>
    </message>
    <message>
        <source>Animated PNG</source>
        <translation>APNG 动画</translation>
    </message>
    <message>
        <source>Export animation</source>
        <translation>导出动画</translation>
    </message>
    <message>
        <source>MP4 is smallest; GIF plays everywhere; APNG keeps every colour exactly</source>
        <translation>MP4 文件最小；GIF 随处可播放；APNG 精确保留所有颜色</translation>
    </message>
    <message>
        <source>&amp;Format:</source>
        <translation>格式(&amp;F)：</translation>
    </message>
    <message>
        <source> px</source>
        <translation> px</translation>
    </message>
    <message>
        <source>Even numbers only (video needs them); odd values are rounded up</source>
        <translation>只能是偶数（视频格式要求）；奇数会向上取整</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>自定义</translation>
    </message>
    <message>
        <source>&amp;Size:</source>
        <translation>尺寸(&amp;S)：</translation>
    </message>
    <message>
        <source> frames/s</source>
        <translation> 帧/秒</translation>
    </message>
    <message>
        <source>Frame &amp;rate:</source>
        <translation>帧率(&amp;R)：</translation>
    </message>
    <message>
        <source>&amp;Iterations per frame:</source>
        <translation>每帧迭代次数(&amp;I)：</translation>
    </message>
    <message>
        <source>Total &amp;duration:</source>
        <translation>总时长(&amp;D)：</translation>
    </message>
    <message>
        <source>How many optimizer iterations each frame advances</source>
        <translation>每一帧推进多少次优化器迭代</translation>
    </message>
    <message>
        <source>Length of the whole animation, the iterations spread evenly over it</source>
        <translation>整个动画的时长，迭代均匀分布于其中</translation>
    </message>
    <message>
        <source>Landscape</source>
        <translation>地形</translation>
    </message>
    <message>
        <source>Landscape and loss curves</source>
        <translation>地形和损失曲线</translation>
    </message>
    <message>
        <source>&amp;Panels:</source>
        <translation>面板(&amp;P)：</translation>
    </message>
    <message>
        <source>Keep showing the last iteration this long at the end</source>
        <translation>在结尾处继续显示最后一次迭代的时长</translation>
    </message>
    <message>
        <source>&amp;Hold last frame:</source>
        <translation>末帧停留(&amp;H)：</translation>
    </message>
    <message>
        <source>Show:</source>
        <translation>显示：</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <source>F&amp;ile:</source>
        <translation>文件(&amp;I)：</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>导出(&amp;E)</translation>
    </message>
    <message>
        <source>{fmt} files (*.{fmt})</source>
        <translation>{fmt} 文件 (*.{fmt})</translation>
    </message>
    <message>
        <source>{n} frames, {s:.1f} s, iterations 0 to {last}</source>
        <translation>{n} 帧，{s:.1f} 秒，迭代 0 到 {last}</translation>
    </message>
    <message>
        <source>choose a file to export to</source>
        <translation>请选择要导出到的文件</translation>
    </message>
    <message>
        <source>Exported {path}</source>
        <translation>已导出 {path}</translation>
    </message>
</context>
<context>
    <name>ExportRunner</name>
    <message>
        <source>Rendering {name}…</source>
        <translation>正在渲染 {name}…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Export animation</source>
        <translation>导出动画</translation>
    </message>
    <message>
        <source>Finishing {name}…</source>
        <translation>正在完成 {name}…</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <source>The animation was not exported:
{error}</source>
        <translation>动画未导出：
{error}</translation>
    </message>
</context>
<context>
    <name>FileActions</name>
    <message>
        <source>Descent Lab scenes (*.json)</source>
        <translation>Descent Lab 场景 (*.json)</translation>
    </message>
    <message>
        <source>Rosenbrock: six optimizers from one start</source>
        <translation>Rosenbrock：六种优化器从同一起点出发</translation>
    </message>
    <message>
        <source>Himmelblau: four starts, four minima</source>
        <translation>Himmelblau：四个起点，四个极小值</translation>
    </message>
    <message>
        <source>A learning rate that diverges</source>
        <translation>导致发散的学习率</translation>
    </message>
    <message>
        <source>Saddle: GD stalls, momentum escapes</source>
        <translation>鞍点：梯度下降停滞，动量法逃出</translation>
    </message>
    <message>
        <source>Network: a slice of a small MLP&apos;s loss</source>
        <translation>神经网络：小型 MLP 损失函数的一个切片</translation>
    </message>
    <message>
        <source>&amp;New</source>
        <translation>新建(&amp;N)</translation>
    </message>
    <message>
        <source>Start again from the default scene</source>
        <translation>从默认场景重新开始</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>打开(&amp;O)…</translation>
    </message>
    <message>
        <source>Open a saved scene</source>
        <translation>打开已保存的场景</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>Save the scene</source>
        <translation>保存场景</translation>
    </message>
    <message>
        <source>Save &amp;As…</source>
        <translation>另存为(&amp;A)…</translation>
    </message>
    <message>
        <source>Save the scene under a new name</source>
        <translation>以新名称保存场景</translation>
    </message>
    <message>
        <source>Export &amp;animation…</source>
        <translation>导出动画(&amp;A)…</translation>
    </message>
    <message>
        <source>Write the animation as MP4, GIF or APNG</source>
        <translation>将动画导出为 MP4、GIF 或 APNG</translation>
    </message>
    <message>
        <source>Export &amp;image…</source>
        <translation>导出图像(&amp;I)…</translation>
    </message>
    <message>
        <source>Write the current view as PNG (any size) or SVG</source>
        <translation>将当前视图导出为 PNG（任意尺寸）或 SVG</translation>
    </message>
    <message>
        <source>Export &amp;data…</source>
        <translation>导出数据(&amp;D)…</translation>
    </message>
    <message>
        <source>Write the trajectories as CSV or JSON (run, step, x, y, f, ∂f/∂x, ∂f/∂y)</source>
        <translation>将轨迹导出为 CSV 或 JSON（run, step, x, y, f, ∂f/∂x, ∂f/∂y）</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <source>E&amp;xamples</source>
        <translation>示例(&amp;X)</translation>
    </message>
    <message>
        <source>Open the example scene {name}</source>
        <translation>打开示例场景 {name}</translation>
    </message>
    <message>
        <source>{title} (example)</source>
        <translation>{title}（示例）</translation>
    </message>
    <message>
        <source>Untitled</source>
        <translation>未命名</translation>
    </message>
    <message>
        <source>{name}[*] — Descent Lab</source>
        <translation>{name}[*] — Descent Lab</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>未保存的更改</translation>
    </message>
    <message>
        <source>The scene has unsaved changes. Save them first?</source>
        <translation>场景有未保存的更改。先保存吗？</translation>
    </message>
    <message>
        <source>Cannot open the scene</source>
        <translation>无法打开场景</translation>
    </message>
    <message>
        <source>Open scene</source>
        <translation>打开场景</translation>
    </message>
    <message>
        <source>Cannot open the example</source>
        <translation>无法打开示例</translation>
    </message>
    <message>
        <source>Save scene</source>
        <translation>保存场景</translation>
    </message>
    <message>
        <source>Cannot save the scene</source>
        <translation>无法保存场景</translation>
    </message>
    <message>
        <source>Saved {path}</source>
        <translation>已保存 {path}</translation>
    </message>
    <message>
        <source>Removed {n} missing file(s) from Open Recent</source>
        <translation>已从“最近打开”中移除 {n} 个不存在的文件</translation>
    </message>
    <message>
        <source>&amp;Clear list</source>
        <translation>清空列表(&amp;C)</translation>
    </message>
    <message>
        <source>{path} no longer exists; it was removed from Open Recent.</source>
        <translation>{path} 已不存在，已将其从“最近打开”中移除。</translation>
    </message>
    <message>
        <source>Export animation</source>
        <translation>导出动画</translation>
    </message>
    <message>
        <source>An export is already running.</source>
        <translation>已有一个导出任务在运行。</translation>
    </message>
    <message>
        <source>Export image</source>
        <translation>导出图像</translation>
    </message>
    <message>
        <source>PNG image (*.png);;SVG drawing (*.svg)</source>
        <translation>PNG 图像 (*.png);;SVG 矢量图 (*.svg)</translation>
    </message>
    <message>
        <source>Cannot export the image</source>
        <translation>无法导出图像</translation>
    </message>
    <message>
        <source>Exported {path}</source>
        <translation>已导出 {path}</translation>
    </message>
    <message>
        <source>Export data</source>
        <translation>导出数据</translation>
    </message>
    <message>
        <source>CSV table (*.csv);;JSON (*.json)</source>
        <translation>CSV 表格 (*.csv);;JSON (*.json)</translation>
    </message>
    <message>
        <source>Cannot export the data</source>
        <translation>无法导出数据</translation>
    </message>
</context>
<context>
    <name>FormulaPanel</name>
    <message>
        <source>e.g. x^2 + 3*y^2</source>
        <translation>例如 x^2 + 3*y^2</translation>
    </message>
    <message>
        <source>Your f(x, y). Enter applies it; Up/Down go through recent formulas.</source>
        <translation>你的 f(x, y)。按 Enter 应用；上/下方向键浏览最近的公式。</translation>
    </message>
    <message>
        <source>f(x, y) =</source>
        <translation>f(x, y) =</translation>
    </message>
    <message>
        <source>Recent ▾</source>
        <translation>最近 ▾</translation>
    </message>
    <message>
        <source>Formulas you applied before (also Up/Down in the field)</source>
        <translation>以前应用过的公式（也可在输入框中按上/下方向键）</translation>
    </message>
    <message>
        <source>What a formula may contain</source>
        <translation>公式里可以写什么</translation>
    </message>
    <message>
        <source>Whether the formula is accepted, and what is wrong when it is not</source>
        <translation>公式是否被接受，以及不被接受时的问题所在</translation>
    </message>
    <message>
        <source>Your formula with the part the error is about underlined in red</source>
        <translation>你的公式，出错部分以红色下划线标出</translation>
    </message>
    <message>
        <source>Example formulas: click one to use it</source>
        <translation>示例公式：单击即可使用</translation>
    </message>
    <message>
        <source>Show the landscape of f(x, y) = {formula}</source>
        <translation>显示 f(x, y) = {formula} 的地形</translation>
    </message>
    <message>
        <source>Examples:</source>
        <translation>示例：</translation>
    </message>
    <message>
        <source>View rectangle</source>
        <translation>视图范围</translation>
    </message>
    <message>
        <source>Where the formula is drawn; a formula has no natural default, so it starts at [−5, 5] × [−5, 5]</source>
        <translation>公式的绘制范围；公式没有天然的默认范围，因此从 [−5, 5] × [−5, 5] 开始</translation>
    </message>
    <message>
        <source>&amp;x from</source>
        <translation>x 从(&amp;X)</translation>
    </message>
    <message>
        <source>to</source>
        <translation>到</translation>
    </message>
    <message>
        <source>&amp;y from</source>
        <translation>y 从(&amp;Y)</translation>
    </message>
    <message>
        <source>{bound} of the rectangle the formula is drawn on (Enter applies)</source>
        <translation>公式绘制范围的 {bound}（按 Enter 应用）</translation>
    </message>
    <message>
        <source>Smallest x</source>
        <translation>x 最小值</translation>
    </message>
    <message>
        <source>Largest x</source>
        <translation>x 最大值</translation>
    </message>
    <message>
        <source>Smallest y</source>
        <translation>y 最小值</translation>
    </message>
    <message>
        <source>Largest y</source>
        <translation>y 最大值</translation>
    </message>
    <message>
        <source>&amp;Apply formula</source>
        <translation>应用公式(&amp;A)</translation>
    </message>
    <message>
        <source>Draw this formula in this rectangle (Enter); the runs are cleared</source>
        <translation>在该范围内绘制此公式（Enter）；将清除所有运行</translation>
    </message>
    <message>
        <source>Gradient (exact, symbolic)</source>
        <translation>梯度（精确，符号推导）</translation>
    </message>
    <message>
        <source>The partial derivatives the engine computed from your formula; the arrows and every optimizer step use exactly these</source>
        <translation>引擎根据你的公式计算出的偏导数；箭头和优化器的每一步用的正是这些偏导数</translation>
    </message>
    <message>
        <source>Your formula as the engine reads it</source>
        <translation>引擎所理解的你的公式</translation>
    </message>
    <message>
        <source>∂f/∂x: how fast f grows when x grows, y fixed</source>
        <translation>∂f/∂x：y 固定时 f 随 x 增长的快慢</translation>
    </message>
    <message>
        <source>∂f/∂y: how fast f grows when y grows, x fixed</source>
        <translation>∂f/∂y：x 固定时 f 随 y 增长的快慢</translation>
    </message>
    <message>
        <source>Where the formula is not smooth, and what the gradient means there</source>
        <translation>公式在哪里不光滑，以及梯度在那里的含义</translation>
    </message>
    <message>
        <source>Accepted in a formula:</source>
        <translation>公式中可以使用：</translation>
    </message>
    <message>
        <source>  variables x and y; numbers such as 2, 0.5, 1e-3; the constants pi and e</source>
        <translation>  变量 x 和 y；数字，如 2、0.5、1e-3；常数 pi 和 e</translation>
    </message>
    <message>
        <source>  + − * /, powers with ^ or ** (x^2 is the same as x**2), parentheses</source>
        <translation>  + − * /，用 ^ 或 ** 表示乘方（x^2 与 x**2 相同），括号</translation>
    </message>
    <message>
        <source>  functions: {names}</source>
        <translation>  函数：{names}</translation>
    </message>
    <message>
        <source>  min(a, b) and max(a, b) of two arguments</source>
        <translation>  两个参数的 min(a, b) 和 max(a, b)</translation>
    </message>
    <message>
        <source>Write products explicitly: 2*x, not 2x.</source>
        <translation>乘法须显式写出：2*x，而不是 2x。</translation>
    </message>
    <message>
        <source>Not smooth: abs, min, max, sqrt and fractional powers (the note below the gradient says where).</source>
        <translation>不光滑的有：abs、min、max、sqrt 和分数次幂（梯度下方的说明会指出位置）。</translation>
    </message>
    <message>
        <source>Where f is undefined (log of a negative number, 1/0) the surface is left blank.</source>
        <translation>在 f 无定义的地方（负数的对数、1/0），曲面留空。</translation>
    </message>
    <message>
        <source>abs has a kink at 0: the gradient there is a subgradient (sign(0) = 0).</source>
        <translation>abs 在 0 处有尖点：该处的梯度是次梯度（sign(0) = 0）。</translation>
    </message>
    <message>
        <source>min has a kink where its two arguments are equal: the gradient there is a subgradient (the average of both sides).</source>
        <translation>min 在两个参数相等处有尖点：该处的梯度是次梯度（取两侧的平均值）。</translation>
    </message>
    <message>
        <source>max has a kink where its two arguments are equal: the gradient there is a subgradient (the average of both sides).</source>
        <translation>max 在两个参数相等处有尖点：该处的梯度是次梯度（取两侧的平均值）。</translation>
    </message>
    <message>
        <source>sqrt has an infinite slope at 0: the gradient there is infinite, and a run that reaches it diverges.</source>
        <translation>sqrt 在 0 处斜率无穷大：该处的梯度为无穷大，到达该处的运行会发散。</translation>
    </message>
    <message>
        <source>A fractional power such as x^0.5 has an infinite slope at 0, and is undefined below 0.</source>
        <translation>分数次幂（如 x^0.5）在 0 处斜率无穷大，且在小于 0 时无定义。</translation>
    </message>
    <message>
        <source>{name} is not smooth: {where}.</source>
        <translation>{name} 不光滑：{where}。</translation>
    </message>
    <message>
        <source>No recent formulas yet</source>
        <translation>还没有最近使用的公式</translation>
    </message>
    <message>
        <source>Put this formula in the field and apply it</source>
        <translation>将此公式填入输入框并应用</translation>
    </message>
    <message>
        <source>Clear recent formulas</source>
        <translation>清除最近的公式</translation>
    </message>
    <message>
        <source>… checking the formula</source>
        <translation>… 正在检查公式</translation>
    </message>
    <message>
        <source>this formula cannot be checked ({name})</source>
        <translation>无法检查此公式（{name}）</translation>
    </message>
    <message>
        <source>Formula not applied: {reason}</source>
        <translation>公式未应用：{reason}</translation>
    </message>
    <message>
        <source>View refused: the smallest {axis} must be less than the largest {axis}.</source>
        <translation>视图无效：{axis} 的最小值必须小于 {axis} 的最大值。</translation>
    </message>
    <message>
        <source>at character {n}</source>
        <translation>在第 {n} 个字符处</translation>
    </message>
    <message>
        <source>✗ {message} ({where})</source>
        <translation>✗ {message}（{where}）</translation>
    </message>
    <message>
        <source>✗ {message}</source>
        <translation>✗ {message}</translation>
    </message>
    <message>
        <source>Gradient of the last valid formula</source>
        <translation>上一个有效公式的梯度</translation>
    </message>
    <message>
        <source>✓ Shown on the landscape.</source>
        <translation>✓ 已显示在地形上。</translation>
    </message>
    <message>
        <source>✓ Valid formula: press Enter or Apply to draw it.</source>
        <translation>✓ 公式有效：按 Enter 或“应用”进行绘制。</translation>
    </message>
</context>
<context>
    <name>FullTrainingBox</name>
    <message>
        <source>Full-space training on this slice</source>
        <translation>在此切片上进行全空间训练</translation>
    </message>
    <message>
        <source>Optimizer that trains all parameters (not only the two of the plane)</source>
        <translation>训练所有参数（而不只是平面上的两个参数）的优化器</translation>
    </message>
    <message>
        <source>Learning rate of the full-space training</source>
        <translation>全空间训练的学习率</translation>
    </message>
    <message>
        <source>Number of full-batch steps</source>
        <translation>全批量训练的步数</translation>
    </message>
    <message>
        <source>Slice centre</source>
        <translation>切片中心</translation>
    </message>
    <message>
        <source>Selected run&apos;s start</source>
        <translation>选中运行的起点</translation>
    </message>
    <message>
        <source>Where training starts: θ at the slice centre, or θ(α, β) at the start of the selected run (click the map to start one)</source>
        <translation>训练的起点：切片中心处的 θ，或选中运行起点处的 θ(α, β)（单击图即可开始一次运行）</translation>
    </message>
    <message>
        <source>&amp;Train in full space</source>
        <translation>在全空间训练(&amp;T)</translation>
    </message>
    <message>
        <source>Train every parameter and project the path onto the plane (dashed path on the map); compare the true loss with the drawn surface below</source>
        <translation>训练所有参数，并将路径投影到平面上（图上的虚线路径）；可在下方比较真实损失与绘制的曲面</translation>
    </message>
    <message>
        <source>step</source>
        <translation>步</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>true L(θ_t)</source>
        <translation>真实 L(θ_t)</translation>
    </message>
    <message>
        <source>surface at projection</source>
        <translation>投影处的曲面值</translation>
    </message>
    <message>
        <source>Full-space training: the true loss along the path and the drawn surface&apos;s value at its projection onto the plane. Where they differ, the projected path misleads.</source>
        <translation>全空间训练：沿路径的真实损失，以及绘制的曲面在路径投影点处的值。两者不一致的地方，投影路径会产生误导。</translation>
    </message>
    <message>
        <source>Largest difference between the true loss and the surface along the path</source>
        <translation>沿路径真实损失与曲面值之间的最大差值</translation>
    </message>
    <message>
        <source>Optimizer</source>
        <translation>优化器</translation>
    </message>
    <message>
        <source>Steps, from</source>
        <translation>步数、起点</translation>
    </message>
    <message>
        <source>Select a run first (click the map to start one), or train from the slice centre</source>
        <translation>请先选中一个运行（单击图即可开始一次运行），或从切片中心开始训练</translation>
    </message>
    <message>
        <source>Max |true − surface| = {gap:.4g} at step {k}; final loss {true:.4g} true vs {surf:.4g} on the surface; the path ends {d:.3g} away from the plane.</source>
        <translation>最大 |真实值 − 曲面值| = {gap:.4g}，位于第 {k} 步；最终损失：真实值 {true:.4g}，曲面值 {surf:.4g}；路径终点距平面 {d:.3g}。</translation>
    </message>
</context>
<context>
    <name>HyperMapPanel</name>
    <message>
        <source>Smallest learning rate</source>
        <translation>最小学习率</translation>
    </message>
    <message>
        <source>Largest learning rate</source>
        <translation>最大学习率</translation>
    </message>
    <message>
        <source>Number of learning rates (log-spaced)</source>
        <translation>学习率个数（对数等距）</translation>
    </message>
    <message>
        <source>Smallest value of the second axis</source>
        <translation>第二个轴的最小值</translation>
    </message>
    <message>
        <source>Largest value of the second axis</source>
        <translation>第二个轴的最大值</translation>
    </message>
    <message>
        <source>Number of values of the second axis (evenly spaced)</source>
        <translation>第二个轴的取值个数（均匀间隔）</translation>
    </message>
    <message>
        <source>Compute map</source>
        <translation>计算图谱</translation>
    </message>
    <message>
        <source>Run every cell from the selected run&apos;s start with the optimizer settings (in the background)</source>
        <translation>以当前优化器设置，从所选运行的起点运行每个格子（在后台计算）</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>log₁₀ η</source>
        <translation>log₁₀ η</translation>
    </message>
    <message>
        <source>Start a run first: the map starts from the selected run&apos;s start.</source>
        <translation>请先开始一个运行：图谱从所选运行的起点出发。</translation>
    </message>
    <message>
        <source>Computing {n} runs of up to {steps} steps…</source>
        <translation>正在计算 {n} 个运行，每个最多 {steps} 步…</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <source>Select a run and press Compute map: every cell is a run from its start.</source>
        <translation>选择一个运行并点击“计算图谱”：每个格子都是从其起点出发的一个运行。</translation>
    </message>
    <message>
        <source>steps to converge</source>
        <translation>收敛步数</translation>
    </message>
    <message>
        <source>From ({x:.3g}, {y:.3g}): {c} converged, {d} diverged (red), {n} not converged in {steps} steps (grey); bright = fewer steps. Click a cell to run it.</source>
        <translation>从 ({x:.3g}, {y:.3g}) 出发：{c} 个收敛，{d} 个发散（红色），{n} 个在 {steps} 步内未收敛（灰色）；越亮步数越少。点击格子即可运行它。</translation>
    </message>
</context>
<context>
    <name>ImageSizeDialog</name>
    <message>
        <source>Export image</source>
        <translation>导出图像</translation>
    </message>
    <message>
        <source> px</source>
        <translation> px</translation>
    </message>
    <message>
        <source>&amp;Width:</source>
        <translation>宽度(&amp;W)：</translation>
    </message>
    <message>
        <source>&amp;Height:</source>
        <translation>高度(&amp;H)：</translation>
    </message>
    <message>
        <source>Show:</source>
        <translation>显示：</translation>
    </message>
</context>
<context>
    <name>InterpolationPanel</name>
    <message>
        <source>initial → trained</source>
        <translation>初始 → 训练后</translation>
    </message>
    <message>
        <source>two minima (two seeds)</source>
        <translation>两个极小值（两个种子）</translation>
    </message>
    <message>
        <source>slice centre → current point</source>
        <translation>切片中心 → 当前点</translation>
    </message>
    <message>
        <source>The two parameter sets joined by the line θ(t) = (1 − t)·θa + t·θb; the current point is the selected run&apos;s position, else the cursor</source>
        <translation>由直线 θ(t) = (1 − t)·θa + t·θb 连接的两组参数；当前点是所选运行的位置，否则是光标处</translation>
    </message>
    <message>
        <source>t from {lo:g} to {hi:g}</source>
        <translation>t 从 {lo:g} 到 {hi:g}</translation>
    </message>
    <message>
        <source>Beyond 0 and 1 the line extrapolates past the two parameter sets</source>
        <translation>在 0 和 1 之外，直线外推到两组参数之外</translation>
    </message>
    <message>
        <source>Plot</source>
        <translation>绘制</translation>
    </message>
    <message>
        <source>Compute the loss along the line (trains the networks it needs)</source>
        <translation>计算沿直线的损失（会训练所需的网络）</translation>
    </message>
</context>
<context>
    <name>InterpolationPlot</name>
    <message>
        <source>train loss</source>
        <translation>训练损失</translation>
    </message>
    <message>
        <source>test loss</source>
        <translation>测试损失</translation>
    </message>
    <message>
        <source>Choose two parameter sets and press Plot</source>
        <translation>选择两组参数，然后点击“绘制”</translation>
    </message>
    <message>
        <source>L(0) {a:.3g} · L(1) {b:.3g} · max between {m:.3g} at t = {tm:.2f}</source>
        <translation>L(0) {a:.3g} · L(1) {b:.3g} · 之间最大 {m:.3g}（t = {tm:.2f}）</translation>
    </message>
</context>
<context>
    <name>LandscapePicker</name>
    <message>
        <source>Viridis</source>
        <translation>Viridis</translation>
    </message>
    <message>
        <source>Plasma</source>
        <translation>Plasma</translation>
    </message>
    <message>
        <source>Inferno</source>
        <translation>Inferno</translation>
    </message>
    <message>
        <source>Magma</source>
        <translation>Magma</translation>
    </message>
    <message>
        <source>Cividis (colour-blind safe)</source>
        <translation>Cividis（色盲友好）</translation>
    </message>
    <message>
        <source>Turbo</source>
        <translation>Turbo</translation>
    </message>
    <message>
        <source>x from</source>
        <translation>x 从</translation>
    </message>
    <message>
        <source>to</source>
        <translation>到</translation>
    </message>
    <message>
        <source>y from</source>
        <translation>y 从</translation>
    </message>
    <message>
        <source>Built-in test functions; choosing one clears the runs</source>
        <translation>内置测试函数；切换函数会清除所有运行</translation>
    </message>
    <message>
        <source>What this landscape shows, and its definition</source>
        <translation>该地形展示了什么，以及它的定义</translation>
    </message>
    <message>
        <source>View</source>
        <translation>视图</translation>
    </message>
    <message>
        <source>{bound} of the visible rectangle (Apply or Enter to use)</source>
        <translation>可见范围的 {bound}（点击“应用”或按 Enter 生效）</translation>
    </message>
    <message>
        <source>&amp;Apply</source>
        <translation>应用(&amp;A)</translation>
    </message>
    <message>
        <source>Show the rectangle typed above</source>
        <translation>显示上面输入的范围</translation>
    </message>
    <message>
        <source>&amp;Reset view</source>
        <translation>重置视图(&amp;R)</translation>
    </message>
    <message>
        <source>Back to this landscape&apos;s default rectangle</source>
        <translation>回到该地形的默认范围</translation>
    </message>
    <message>
        <source> × n</source>
        <translation> × n</translation>
    </message>
    <message>
        <source>Grid points per axis used to sample the surface (more is finer, slower)</source>
        <translation>采样曲面时每个坐标轴上的网格点数（越多越精细，也越慢）</translation>
    </message>
    <message>
        <source>Gr&amp;id</source>
        <translation>网格(&amp;I)</translation>
    </message>
    <message>
        <source>Display</source>
        <translation>显示</translation>
    </message>
    <message>
        <source>Colour map of f</source>
        <translation>f 的颜色映射</translation>
    </message>
    <message>
        <source>&amp;Colours</source>
        <translation>配色(&amp;C)</translation>
    </message>
    <message>
        <source>Lo&amp;garithmic colour scale</source>
        <translation>对数颜色刻度(&amp;G)</translation>
    </message>
    <message>
        <source>Colour by log f: reveals valleys of landscapes whose values span many decades</source>
        <translation>按 log f 着色：显示数值跨越多个数量级的地形中的山谷</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Number of contour lines (0: none)</source>
        <translation>等高线条数（0：无）</translation>
    </message>
    <message>
        <source>Co&amp;ntours</source>
        <translation>等高线(&amp;N)</translation>
    </message>
    <message>
        <source>Mar&amp;k known minima</source>
        <translation>标出已知极小值(&amp;K)</translation>
    </message>
    <message>
        <source>Show the landscape&apos;s known global minima</source>
        <translation>显示该地形已知的全局极小值</translation>
    </message>
    <message>
        <source>Gradient &amp;field</source>
        <translation>梯度场(&amp;F)</translation>
    </message>
    <message>
        <source>Arrows on a regular grid showing the gradient direction and size</source>
        <translation>在规则网格上用箭头显示梯度的方向和大小</translation>
    </message>
    <message>
        <source>Descent direction −∇f</source>
        <translation>下降方向 −∇f</translation>
    </message>
    <message>
        <source>Ascent direction ∇f</source>
        <translation>上升方向 ∇f</translation>
    </message>
    <message>
        <source>Draw arrows downhill (where descent goes) or uphill (the gradient itself)</source>
        <translation>箭头指向下坡（梯度下降的方向）或上坡（梯度本身）</translation>
    </message>
    <message>
        <source>Arro&amp;ws</source>
        <translation>箭头(&amp;W)</translation>
    </message>
    <message>
        <source> per axis</source>
        <translation> 每轴</translation>
    </message>
    <message>
        <source>Number of arrows along each axis</source>
        <translation>每个坐标轴上的箭头数</translation>
    </message>
    <message>
        <source>&amp;Density</source>
        <translation>密度(&amp;D)</translation>
    </message>
    <message>
        <source>View refused: {reason}</source>
        <translation>视图无效：{reason}</translation>
    </message>
</context>
<context>
    <name>LandscapeView</name>
    <message>
        <source>Run {id} · {label}
start {start}
Drag to start from elsewhere</source>
        <translation>运行 {id} · {label}
起点 {start}
拖动以从其他位置开始</translation>
    </message>
    <message>
        <source>f(x, y)</source>
        <translation type="vanished">f(x, y)</translation>
    </message>
    <message>
        <source>global minimum ({x:.4g}, {y:.4g}), f = {f:.4g}</source>
        <translation>全局极小值 ({x:.4g}, {y:.4g})，f = {f:.4g}</translation>
    </message>
    <message>
        <source>Could not draw {title}: {error}</source>
        <translation>无法绘制 {title}：{error}</translation>
    </message>
    <message>
        <source>Gradient field unavailable: {error}</source>
        <translation>梯度场不可用：{error}</translation>
    </message>
    <message>
        <source>diverged</source>
        <translation>已发散</translation>
    </message>
    <message>
        <source>Run {id} diverged at step {k}</source>
        <translation>运行 {id} 在第 {k} 步发散</translation>
    </message>
</context>
<context>
    <name>Landscapes</name>
    <message>
        <source>choose two different parameters (both are {name})</source>
        <translation>请选择两个不同的参数（两个都是 {name}）</translation>
    </message>
    <message>
        <source>loading the compiled network kernels (the first run on a computer compiles them: a few seconds)…</source>
        <translation>正在加载已编译的网络内核（在一台电脑上首次运行时会先编译：需要几秒）…</translation>
    </message>
    <message>
        <source>training the network…</source>
        <translation>正在训练网络…</translation>
    </message>
    <message>
        <source>building the {method} slice…</source>
        <translation>正在构建 {method} 切片…</translation>
    </message>
    <message>
        <source>training the network: {done} of {steps} steps…</source>
        <translation>正在训练网络：第 {done} / {steps} 步…</translation>
    </message>
</context>
<context>
    <name>LessonPanel</name>
    <message>
        <source>No lesson open</source>
        <translation>未打开课程</translation>
    </message>
    <message>
        <source>Choose a lesson from the Lessons menu.</source>
        <translation>请从“课程”菜单中选择一节课。</translation>
    </message>
    <message>
        <source>◀ Back</source>
        <translation>◀ 上一步</translation>
    </message>
    <message>
        <source>Next ▶</source>
        <translation>下一步 ▶</translation>
    </message>
    <message>
        <source>Step {k} of {n}</source>
        <translation>第 {k} 步，共 {n} 步</translation>
    </message>
</context>
<context>
    <name>Lessons</name>
    <message>
        <source>Lesson</source>
        <translation>课程</translation>
    </message>
    <message>
        <source>&amp;Lessons</source>
        <translation>课程(&amp;L)</translation>
    </message>
    <message>
        <source>Open &amp;lesson…</source>
        <translation>打开课程(&amp;L)…</translation>
    </message>
    <message>
        <source>Open a lesson file: steps of scenes with captions</source>
        <translation>打开课程文件：由场景和说明组成的步骤</translation>
    </message>
    <message>
        <source>Cannot show this step: {error}</source>
        <translation>无法显示这一步：{error}</translation>
    </message>
    <message>
        <source>Open lesson</source>
        <translation>打开课程</translation>
    </message>
    <message>
        <source>Cannot open the lesson</source>
        <translation>无法打开课程</translation>
    </message>
    <message>
        <source>The gradient as a vector</source>
        <translation>梯度是一个向量</translation>
    </message>
    <message>
        <source>A partial derivative is a slope along one axis. ∂f/∂x is the slope of the curve f(x, y₀), ∂f/∂y the slope of f(x₀, y); the slices view shows both curves through the pinned point with their tangent lines.</source>
        <translation>偏导数是沿一个坐标轴的斜率。∂f/∂x 是曲线 f(x, y₀) 的斜率，∂f/∂y 是 f(x₀, y) 的斜率；切片视图显示穿过固定点的这两条曲线及其切线。</translation>
    </message>
    <message>
        <source>Move the slider h towards 0: the secant (f(x₀+h, y₀) − f(x₀, y₀))/h turns into the tangent. That limit is the definition of ∂f/∂x.</source>
        <translation>把滑块 h 移向 0：割线 (f(x₀+h, y₀) − f(x₀, y₀))/h 变成切线。这个极限就是 ∂f/∂x 的定义。</translation>
    </message>
    <message>
        <source>On the map, the arrows (∂f/∂x, 0) and (0, ∂f/∂y) add up to ∇f = (∂f/∂x, ∂f/∂y). The gradient is the vector of the partial derivatives.</source>
        <translation>在地图上，箭头 (∂f/∂x, 0) 与 (0, ∂f/∂y) 相加得到 ∇f = (∂f/∂x, ∂f/∂y)。梯度就是由偏导数组成的向量。</translation>
    </message>
    <message>
        <source>Direction and magnitude</source>
        <translation>方向与大小</translation>
    </message>
    <message>
        <source>Turn the unit vector u: the slope of f in its direction is D_u f = ∇f·u = |∇f| cos θ. The polar plot shows this slope for every direction at once.</source>
        <translation>转动单位向量 u：f 在该方向上的斜率是 D_u f = ∇f·u = |∇f| cos θ。极坐标图同时显示每个方向上的斜率。</translation>
    </message>
    <message>
        <source>The largest slope lies along ∇f and its value is |∇f|. Along the contour the slope is zero, and along −∇f it is −|∇f|: the steepest way down.</source>
        <translation>最大的斜率位于 ∇f 方向，其值为 |∇f|。沿等高线斜率为零，沿 −∇f 为 −|∇f|：这是最陡的下降方向。</translation>
    </message>
    <message>
        <source>The arrows on the map now point along −∇f, the direction of steepest descent. Their length follows |∇f|: steep ground, long arrows.</source>
        <translation>现在地图上的箭头沿 −∇f，即最速下降方向。箭头长度随 |∇f| 变化：越陡，箭头越长。</translation>
    </message>
    <message>
        <source>Descent and the learning rate</source>
        <translation>梯度下降与学习率</translation>
    </message>
    <message>
        <source>Each step is w ← w − η·∂L/∂w. With η = 0.002 the learning rate is too small: after 200 steps the run is still far from the minimum.</source>
        <translation>每一步是 w ← w − η·∂L/∂w。η = 0.002 时学习率太小：200 步之后仍离最小值很远。</translation>
    </message>
    <message>
        <source>With η = 0.03 the run reaches the minimum quickly. The loss curve falls steadily.</source>
        <translation>η = 0.03 时很快到达最小值。损失曲线稳定下降。</translation>
    </message>
    <message>
        <source>With η = 0.042 each step overshoots the steep y direction more than the last: the run diverges. For this bowl every η above 2/50 = 0.04 diverges.</source>
        <translation>η = 0.042 时，每一步在陡峭的 y 方向上都比上一步冲得更远：运行发散。对这个碗形函数，任何大于 2/50 = 0.04 的 η 都会发散。</translation>
    </message>
    <message>
        <source>Momentum and Adam</source>
        <translation>动量与 Adam</translation>
    </message>
    <message>
        <source>Momentum keeps a velocity: v ← μ·v + ∂L/∂w, then w ← w − η·v. Across the narrow valley the steps cancel, along it they add up.</source>
        <translation>动量保留一个速度：v ← μ·v + ∂L/∂w，然后 w ← w − η·v。横穿狭窄山谷的步子相互抵消，沿山谷的步子不断累加。</translation>
    </message>
    <message>
        <source>Adam divides each step by a running size of the gradient, so steep and flat directions get steps of similar length. It heads for the minimum almost straight.</source>
        <translation>Adam 把每一步除以梯度的滑动大小，因此陡峭方向和平缓方向的步长相近。它几乎笔直地奔向最小值。</translation>
    </message>
    <message>
        <source>The chain rule</source>
        <translation>链式法则</translation>
    </message>
    <message>
        <source>h(x) = sin(x²) is a composition: first u = x², then h = sin(u). The chain rule multiplies the local derivatives: dh/dx = cos(u)·2x.</source>
        <translation>h(x) = sin(x²) 是一个复合函数：先 u = x²，再 h = sin(u)。链式法则把局部导数相乘：dh/dx = cos(u)·2x。</translation>
    </message>
    <message>
        <source>When x reaches the output along two paths, the backward pass adds the two products. Here dh/dx = sin(x) + x·cos(x).</source>
        <translation>当 x 沿两条路径到达输出时，反向传播把两条路径的乘积相加。这里 dh/dx = sin(x) + x·cos(x)。</translation>
    </message>
    <message>
        <source>A neuron is such a composition: σ(w·x + b). Step through the backward pass and compare its product with the symbolic derivative.</source>
        <translation>一个神经元就是这样的复合：σ(w·x + b)。逐步执行反向传播，并把乘积与符号导数比较。</translation>
    </message>
    <message>
        <source>An MLP&apos;s forward pass</source>
        <translation>MLP 的前向传播</translation>
    </message>
    <message>
        <source>A network is a composition of layers: h₁ = σ(W₁x + b₁), ŷ = W₂h₁ + b₂. The data view colours every input x by the prediction ŷ of the trained network.</source>
        <translation>网络是各层的复合：h₁ = σ(W₁x + b₁)，ŷ = W₂h₁ + b₂。数据视图按训练好的网络的预测 ŷ 为每个输入 x 着色。</translation>
    </message>
    <message>
        <source>The map is the loss L over a 2D slice of all the weights: each point is a whole network. Low ground means predictions close to the labels.</source>
        <translation>地图是损失 L 在全部权重的一个二维切片上的取值：每个点都是一个完整的网络。低处意味着预测接近标签。</translation>
    </message>
    <message>
        <source>Backprop</source>
        <translation>反向传播</translation>
    </message>
    <message>
        <source>Backprop applies the chain rule layer by layer, from the loss back to the first layer. Each layer&apos;s ∂L/∂W is its input times the gradient that arrives from above.</source>
        <translation>反向传播逐层应用链式法则，从损失一直回到第一层。每一层的 ∂L/∂W 等于它的输入乘以从上层传来的梯度。</translation>
    </message>
    <message>
        <source>The heat maps show ∂L/∂W₁ and ∂L/∂W₂ at the current point. One backward pass gives the gradient for every weight at once.</source>
        <translation>热图显示当前点的 ∂L/∂W₁ 和 ∂L/∂W₂。一次反向传播就同时得到每个权重的梯度。</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Training repeats w ← w − η·∂L/∂w for every weight. On the slice, the run walks downhill and the loss curve falls.</source>
        <translation>训练对每个权重反复执行 w ← w − η·∂L/∂w。在切片上，运行一路下坡，损失曲线随之下降。</translation>
    </message>
    <message>
        <source>Adam, started at the same weights, takes a different road. Compare both loss curves: the optimizer is part of what the network learns.</source>
        <translation>从相同权重出发的 Adam 走了另一条路。比较两条损失曲线：优化器也决定了网络学到什么。</translation>
    </message>
</context>
<context>
    <name>Literature</name>
    <message>
        <source>initial</source>
        <translation>初始</translation>
    </message>
    <message>
        <source>trained</source>
        <translation>训练后</translation>
    </message>
    <message>
        <source>seed {s}</source>
        <translation>种子 {s}</translation>
    </message>
    <message>
        <source>centre</source>
        <translation>中心</translation>
    </message>
    <message>
        <source>point</source>
        <translation>当前点</translation>
    </message>
    <message>
        <source>Build a network landscape first</source>
        <translation>请先构建网络地形</translation>
    </message>
    <message>
        <source>Linear interpolation</source>
        <translation>线性插值</translation>
    </message>
    <message>
        <source>Convexity and PCA path</source>
        <translation>凸性与 PCA 路径</translation>
    </message>
    <message>
        <source>Computing the convexity map |λmin/λmax|…</source>
        <translation>正在计算凸性图 |λmin/λmax|…</translation>
    </message>
    <message>
        <source>α: PC1 ({v:.1f}% var.)</source>
        <translation type="vanished">α：PC1（方差 {v:.1f}%）</translation>
    </message>
    <message>
        <source>β: PC2 ({v:.1f}% var.)</source>
        <translation type="vanished">β：PC2（方差 {v:.1f}%）</translation>
    </message>
</context>
<context>
    <name>LocalMinima</name>
    <message>
        <source>local minimum ({x:.4g}, {y:.4g}), f = {f:.4g}</source>
        <translation>局部极小值 ({x:.4g}, {y:.4g})，f = {f:.4g}</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Descent Lab</source>
        <translation>Descent Lab</translation>
    </message>
    <message>
        <source>2D map</source>
        <translation>二维等高线图</translation>
    </message>
    <message>
        <source>3D surface</source>
        <translation>三维曲面</translation>
    </message>
    <message>
        <source>Contour map, gradient field and runs; click to start a run</source>
        <translation>等高线图、梯度场和运行轨迹；单击即可开始一次运行</translation>
    </message>
    <message>
        <source>The landscape as a surface; runs move in step with the 2D map</source>
        <translation>以曲面显示地形；运行轨迹与二维图同步移动</translation>
    </message>
    <message>
        <source>&amp;Panels and toolbars</source>
        <translation>面板和工具栏(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>Quit Descent Lab</source>
        <translation>退出 Descent Lab</translation>
    </message>
    <message>
        <source>&amp;Reset view</source>
        <translation>重置视图(&amp;R)</translation>
    </message>
    <message>
        <source>Show the landscape&apos;s default rectangle</source>
        <translation>显示该地形的默认范围</translation>
    </message>
    <message>
        <source>&amp;Gradient field</source>
        <translation>梯度场(&amp;G)</translation>
    </message>
    <message>
        <source>Show arrows of the gradient field</source>
        <translation>显示梯度场箭头</translation>
    </message>
    <message>
        <source>&amp;Ascent arrows (∇f)</source>
        <translation>上升方向箭头 (∇f)(&amp;A)</translation>
    </message>
    <message>
        <source>Draw ∇f (uphill) instead of −∇f (downhill)</source>
        <translation>绘制 ∇f（上坡方向）而不是 −∇f（下坡方向）</translation>
    </message>
    <message>
        <source>Known &amp;minima</source>
        <translation>已知极小值(&amp;M)</translation>
    </message>
    <message>
        <source>Mark the known global minima</source>
        <translation>标出已知的全局极小值</translation>
    </message>
    <message>
        <source>&amp;Log colour scale</source>
        <translation>对数颜色刻度(&amp;L)</translation>
    </message>
    <message>
        <source>Colour by log10(f − fmin): reads landscapes spanning decades</source>
        <translation>按 log10(f − fmin) 着色：便于查看跨越多个数量级的地形</translation>
    </message>
    <message>
        <source>&amp;Equal axes</source>
        <translation>等比例坐标轴(&amp;E)</translation>
    </message>
    <message>
        <source>One unit as long on x as on y, on the map and in every export</source>
        <translation>x 与 y 上的一个单位等长：地图和每次导出都是如此</translation>
    </message>
    <message>
        <source>&amp;Clear all runs</source>
        <translation>清除所有运行(&amp;C)</translation>
    </message>
    <message>
        <source>Remove every run from the landscape</source>
        <translation>从地形上移除所有运行</translation>
    </message>
    <message>
        <source>&amp;Undo landscape change</source>
        <translation>撤销地形更改(&amp;U)</translation>
    </message>
    <message>
        <source>Show the previous landscape again, with its view and runs</source>
        <translation>重新显示上一个地形及其视图和运行</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <source>List every keyboard shortcut and mouse gesture</source>
        <translation>列出所有键盘快捷键和鼠标操作</translation>
    </message>
    <message>
        <source>&amp;About Descent Lab</source>
        <translation>关于 Descent Lab(&amp;A)</translation>
    </message>
    <message>
        <source>Version and credits</source>
        <translation>版本和致谢</translation>
    </message>
    <message>
        <source>Colour the landscape with {name}</source>
        <translation>用 {name} 为地形着色</translation>
    </message>
    <message>
        <source>{n} × {n} arrows</source>
        <translation>{n} × {n} 个箭头</translation>
    </message>
    <message>
        <source>Gradient-field arrows per axis</source>
        <translation>梯度场每个坐标轴上的箭头数</translation>
    </message>
    <message>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <source>{n} lines</source>
        <translation>{n} 条</translation>
    </message>
    <message>
        <source>Number of contour lines</source>
        <translation>等高线条数</translation>
    </message>
    <message>
        <source>{n} × {n} points</source>
        <translation>{n} × {n} 个点</translation>
    </message>
    <message>
        <source>Grid on which f is sampled (finer is slower)</source>
        <translation>对 f 采样的网格（越细越慢）</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>Field &amp;density</source>
        <translation>箭头密度(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Colour map</source>
        <translation>颜色映射(&amp;C)</translation>
    </message>
    <message>
        <source>C&amp;ontour lines</source>
        <translation>等高线(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Resolution</source>
        <translation>分辨率(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Runs</source>
        <translation>运行(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Playback</source>
        <translation>播放(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Landscape</source>
        <translation>地形</translation>
    </message>
    <message>
        <source>The landscape is being recomputed in the background</source>
        <translation>正在后台重新计算地形</translation>
    </message>
    <message>
        <source>f and its gradient at the cursor, from the engine&apos;s exact formulas</source>
        <translation>光标处的 f 及其梯度（由引擎的精确公式算出）</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>神经网络</translation>
    </message>
    <message>
        <source>The loss of a small neural network, sliced to 2D: descend on it like on any function</source>
        <translation>小型神经网络的损失，切成二维：像在任何函数上一样在其上下降</translation>
    </message>
    <message>
        <source>Data and prediction</source>
        <translation>数据与预测</translation>
    </message>
    <message>
        <source>Backprop</source>
        <translation>反向传播</translation>
    </message>
    <message>
        <source>Network graph</source>
        <translation>网络图</translation>
    </message>
    <message>
        <source>Optimizer</source>
        <translation>优化器</translation>
    </message>
    <message>
        <source>Catalogue</source>
        <translation>函数库</translation>
    </message>
    <message>
        <source>Formula</source>
        <translation>公式</translation>
    </message>
    <message>
        <source>The classic test functions with their known minima</source>
        <translation>经典测试函数及其已知极小值</translation>
    </message>
    <message>
        <source>Type your own f(x, y); its exact gradient is derived for you</source>
        <translation>输入你自己的 f(x, y)；程序会为你推导其精确梯度</translation>
    </message>
    <message>
        <source>Loss and |∇f|</source>
        <translation>损失和 |∇f|</translation>
    </message>
    <message>
        <source>Basins</source>
        <translation>吸引域</translation>
    </message>
    <message>
        <source>Your own &amp;formula…</source>
        <translation>自定义公式(&amp;F)…</translation>
    </message>
    <message>
        <source>Type f(x, y) and see its landscape and exact gradient</source>
        <translation>输入 f(x, y)，查看其地形和精确梯度</translation>
    </message>
    <message>
        <source>&amp;3D surface</source>
        <translation>三维曲面(&amp;3)</translation>
    </message>
    <message>
        <source>Switch between the 2D map and the 3D surface</source>
        <translation>在二维图和三维曲面之间切换</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Step inspector</source>
        <translation>单步检查器</translation>
    </message>
    <message>
        <source>Click the landscape to start a run</source>
        <translation>单击地形即可开始一次运行</translation>
    </message>
    <message>
        <source>α = {x:.4g}, β = {y:.4g}   L = {f:.6g}   ∇L = ({gx:.6g}, {gy:.6g})   |∇L| = {n:.6g}   −∇L at {a:.1f}°</source>
        <translation>α = {x:.4g}，β = {y:.4g}   L = {f:.6g}   ∇L = ({gx:.6g}, {gy:.6g})   |∇L| = {n:.6g}   −∇L 方向 {a:.1f}°</translation>
    </message>
    <message>
        <source>x = {x:.4g}, y = {y:.4g}   f = {f:.6g}   ∇f = ({gx:.6g}, {gy:.6g})   |∇f| = {n:.6g}   −∇f at {a:.1f}°</source>
        <translation>x = {x:.4g}，y = {y:.4g}   f = {f:.6g}   ∇f = ({gx:.6g}, {gy:.6g})   |∇f| = {n:.6g}   −∇f 方向 {a:.1f}°</translation>
    </message>
    <message>
        <source>computing surface…</source>
        <translation>正在计算曲面…</translation>
    </message>
    <message>
        <source>Left click</source>
        <translation>左键单击</translation>
    </message>
    <message>
        <source>Start a run at that point</source>
        <translation>从该点开始一次运行</translation>
    </message>
    <message>
        <source>Drag a start marker</source>
        <translation>拖动起点标记</translation>
    </message>
    <message>
        <source>Re-run from the new point</source>
        <translation>从新位置重新运行</translation>
    </message>
    <message>
        <source>Click a start marker</source>
        <translation>单击起点标记</translation>
    </message>
    <message>
        <source>Select that run</source>
        <translation>选中该运行</translation>
    </message>
    <message>
        <source>Drag</source>
        <translation>拖动</translation>
    </message>
    <message>
        <source>Pan the landscape</source>
        <translation>平移地形</translation>
    </message>
    <message>
        <source>Wheel</source>
        <translation>滚轮</translation>
    </message>
    <message>
        <source>Zoom around the cursor</source>
        <translation>以光标为中心缩放</translation>
    </message>
    <message>
        <source>Right click</source>
        <translation>右键单击</translation>
    </message>
    <message>
        <source>Landscape menu</source>
        <translation>地形菜单</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>Shortcut</source>
        <translation>快捷键</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>About Descent Lab</source>
        <translation type="vanished">关于 Descent Lab</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Descent Lab {version}&lt;/h3&gt;&lt;p&gt;Watch gradient descent happen: pick a landscape, click a start point and follow each optimizer downhill, step by step, with the gradient field and the update formula in view.&lt;/p&gt;&lt;p&gt;Built with NumPy, PySide6 (Qt {qt}) and pyqtgraph; contours by contourpy. MIT licence.&lt;/p&gt;</source>
        <translation type="vanished">&lt;h3&gt;Descent Lab {version}&lt;/h3&gt;&lt;p&gt;亲眼观看梯度下降的过程：选择一个地形，单击一个起点，然后一步一步地跟随每个优化器下坡，同时查看梯度场和更新公式。&lt;/p&gt;&lt;p&gt;基于 NumPy、PySide6（Qt {qt}）和 pyqtgraph 构建；等高线由 contourpy 绘制。MIT 许可证。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>landscape</source>
        <translation>地形</translation>
    </message>
    <message>
        <source>resolution</source>
        <translation>分辨率</translation>
    </message>
    <message>
        <source>display</source>
        <translation>显示</translation>
    </message>
    <message>
        <source>optimizer</source>
        <translation>优化器</translation>
    </message>
    <message>
        <source>speed</source>
        <translation>速度</translation>
    </message>
    <message>
        <source>loop</source>
        <translation>循环</translation>
    </message>
    <message>
        <source>Some saved settings were ignored: {what}</source>
        <translation>部分已保存的设置被忽略：{what}</translation>
    </message>
</context>
<context>
    <name>MapsPanel</name>
    <message>
        <source>Convexity map |λmin/λmax| (Li et al. 2018, Fig. 7)</source>
        <translation>凸性图 |λmin/λmax|（Li 等 2018，图 7）</translation>
    </message>
    <message>
        <source>Show on the map</source>
        <translation>在地图上显示</translation>
    </message>
    <message>
        <source>Grid points per axis; each point needs tens of Hessian-vector products</source>
        <translation>每个轴的网格点数；每个点需要数十次 Hessian-向量积</translation>
    </message>
    <message>
        <source>Compute for this view</source>
        <translation>为此视图计算</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Stop computing; the map shown stays as it was</source>
        <translation>停止计算；已显示的图保持不变</translation>
    </message>
    <message>
        <source>Points per axis</source>
        <translation>每轴点数</translation>
    </message>
    <message>
        <source>Computing the Hessian&apos;s extreme eigenvalues at every grid point…</source>
        <translation>正在计算每个网格点上 Hessian 的极端特征值…</translation>
    </message>
    <message>
        <source>λmin, λmax of the full Hessian at each grid point (Lanczos on Hessian-vector products)</source>
        <translation>每个网格点上完整 Hessian 的 λmin、λmax（基于 Hessian-向量积的 Lanczos 迭代）</translation>
    </message>
    <message>
        <source>{n} × {n} points in {s:.1f} s (≤ {k} Lanczos steps a point); |λmin/λmax| from {lo:.3g} to {hi:.3g}; λmin &lt; 0 at {neg:.0f}% of the points</source>
        <translation>{n} × {n} 个点，用时 {s:.1f} 秒（每点 ≤ {k} 步 Lanczos）；|λmin/λmax| 从 {lo:.3g} 到 {hi:.3g}；{neg:.0f}% 的点 λmin &lt; 0</translation>
    </message>
    <message>
        <source>PCA plane (Li et al. 2018, Fig. 9)</source>
        <translation>PCA 平面（Li 等 2018，图 9）</translation>
    </message>
    <message>
        <source>Choose the PCA slice in the Network tab: its plane is made from a training path, drawn here</source>
        <translation>在“网络”选项卡中选择 PCA 切片：它的平面由一条训练路径构成，路径会画在这里</translation>
    </message>
</context>
<context>
    <name>ModelLandscape</name>
    <message>
        <source>the interpolation plane is a line; the map needs a plane (the command line computes lines)</source>
        <translation>插值平面是一条直线；地图需要一个平面（直线请用命令行计算）</translation>
    </message>
    <message>
        <source>{done} of {total} blocks of the model&apos;s landscape</source>
        <translation>模型地形：已完成 {done} / {total} 块</translation>
    </message>
    <message>
        <source>The model&apos;s landscape is in {path} ({n} of {total} blocks computed now)</source>
        <translation>模型地形已写入 {path}（本次计算了 {total} 块中的 {n} 块）</translation>
    </message>
    <message>
        <source>Model landscape: {error}</source>
        <translation>模型地形：{error}</translation>
    </message>
    <message>
        <source>Stopped after {done} of {total} blocks; they are kept in {path}.partial: compute the same landscape again to resume</source>
        <translation>已在完成 {total} 块中的 {done} 块后停止；已完成的块保存在 {path}.partial 中：再次计算同一地形即可继续</translation>
    </message>
    <message>
        <source>Compute a model&apos;s landscape</source>
        <translation>计算模型的损失地形</translation>
    </message>
    <message>
        <source>model.pt2, or model.py:factory</source>
        <translation>model.pt2，或 model.py:factory</translation>
    </message>
    <message>
        <source>A torch.export program (.pt2), or a Python file and the function in it that builds the model (this runs that file&apos;s code)</source>
        <translation>torch.export 程序（.pt2），或一个 Python 文件及其中构建模型的函数（这会运行该文件中的代码）</translation>
    </message>
    <message>
        <source>checkpoint.pt (several separated by spaces)</source>
        <translation>checkpoint.pt（多个用空格分隔）</translation>
    </message>
    <message>
        <source>state_dict checkpoints; the last is the centre; the PCA plane uses them all as the training path</source>
        <translation>state_dict 检查点；最后一个是中心；PCA 平面把它们全部作为训练路径</translation>
    </message>
    <message>
        <source>data.npz, data.pt, or data.py:factory</source>
        <translation>data.npz、data.pt，或 data.py:factory</translation>
    </message>
    <message>
        <source>Arrays X and y, or a Python file and the function in it that returns a torch.utils.data.Dataset of (input, target) pairs (this runs that file&apos;s code)</source>
        <translation>数组 X 和 y，或一个 Python 文件及其中返回由（输入，目标）对组成的 torch.utils.data.Dataset 的函数（这会运行该文件中的代码）</translation>
    </message>
    <message>
        <source>Filter-normalised random directions</source>
        <translation>滤波器归一化的随机方向</translation>
    </message>
    <message>
        <source>PCA of the checkpoints</source>
        <translation>检查点的 PCA</translation>
    </message>
    <message>
        <source>Two named parameters</source>
        <translation>两个指定的参数</translation>
    </message>
    <message>
        <source>fc1.weight[0,3],fc2.bias[1]</source>
        <translation>fc1.weight[0,3],fc2.bias[1]</translation>
    </message>
    <message>
        <source>The two parameter entries on the axes, NAME[i,j],NAME[k,l]</source>
        <translation>坐标轴上的两个参数元素，NAME[i,j],NAME[k,l]</translation>
    </message>
    <message>
        <source>Points per axis</source>
        <translation>每个坐标轴的点数</translation>
    </message>
    <message>
        <source>The grid spans −R..R along each direction (random and parameter planes)</source>
        <translation>网格沿每个方向覆盖 −R..R（随机平面和参数平面）</translation>
    </message>
    <message>
        <source>1 computes in this process; more start a local Dask cluster of that many processes</source>
        <translation>1 表示在本进程中计算；更多则启动一个有相应进程数的本地 Dask 集群</translation>
    </message>
    <message>
        <source>tcp://HOST:PORT (optional: an existing Dask cluster)</source>
        <translation>tcp://HOST:PORT（可选：已有的 Dask 集群）</translation>
    </message>
    <message>
        <source>landscape.h5</source>
        <translation>landscape.h5</translation>
    </message>
    <message>
        <source>The HDF5 surface file to write; finished blocks go to FILE.partial first, so a stopped run resumes</source>
        <translation>要写入的 HDF5 曲面文件；完成的块先写入 FILE.partial，因此停止的计算可以继续</translation>
    </message>
    <message>
        <source>Compute</source>
        <translation>计算</translation>
    </message>
    <message>
        <source>Model:</source>
        <translation>模型：</translation>
    </message>
    <message>
        <source>Python or .pt2 files (*.py *.pt2)</source>
        <translation>Python 或 .pt2 文件 (*.py *.pt2)</translation>
    </message>
    <message>
        <source>Weights:</source>
        <translation>权重：</translation>
    </message>
    <message>
        <source>Checkpoints (*.pt *.pth)</source>
        <translation>检查点 (*.pt *.pth)</translation>
    </message>
    <message>
        <source>Data:</source>
        <translation>数据：</translation>
    </message>
    <message>
        <source>Data (*.npz *.pt *.py)</source>
        <translation>数据 (*.npz *.pt *.py)</translation>
    </message>
    <message>
        <source>Loss:</source>
        <translation>损失：</translation>
    </message>
    <message>
        <source>Plane:</source>
        <translation>平面：</translation>
    </message>
    <message>
        <source>Parameters:</source>
        <translation>参数：</translation>
    </message>
    <message>
        <source>Resolution:</source>
        <translation>分辨率：</translation>
    </message>
    <message>
        <source>Range:</source>
        <translation>范围：</translation>
    </message>
    <message>
        <source>Seed:</source>
        <translation>种子：</translation>
    </message>
    <message>
        <source>Workers:</source>
        <translation>工作进程：</translation>
    </message>
    <message>
        <source>Scheduler:</source>
        <translation>调度器：</translation>
    </message>
    <message>
        <source>Output:</source>
        <translation>输出：</translation>
    </message>
    <message>
        <source>HDF5 surfaces (*.h5)</source>
        <translation>HDF5 曲面 (*.h5)</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Output file</source>
        <translation>输出文件</translation>
    </message>
    <message>
        <source>Checkpoints</source>
        <translation>检查点</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>a model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>data</source>
        <translation>数据</translation>
    </message>
    <message>
        <source>an output file</source>
        <translation>输出文件</translation>
    </message>
    <message>
        <source>give {what}</source>
        <translation>请给出{what}</translation>
    </message>
    <message>
        <source>the weights are not a list of file names (check the quotes)</source>
        <translation>权重不是文件名列表（请检查引号）</translation>
    </message>
    <message>
        <source>give the two parameters, e.g. fc1.weight[0,3],fc2.bias[1]</source>
        <translation>请给出两个参数，例如 fc1.weight[0,3],fc2.bias[1]</translation>
    </message>
    <message>
        <source>Loading the model and the data…</source>
        <translation>正在加载模型和数据…</translation>
    </message>
    <message>
        <source>Compute a &amp;model&apos;s landscape…</source>
        <translation>计算模型的损失地形(&amp;M)…</translation>
    </message>
    <message>
        <source>The loss landscape of your own PyTorch model, filled in on the map as it is computed</source>
        <translation>你自己的 PyTorch 模型的损失地形，边计算边在地图上填充</translation>
    </message>
    <message>
        <source>Needs the optional extra (missing: {names}): {install}</source>
        <translation>需要可选扩展（缺少：{names}）：{install}</translation>
    </message>
    <message>
        <source>Computing the model&apos;s landscape…</source>
        <translation>正在计算模型的损失地形…</translation>
    </message>
    <message>
        <source>Model landscapes need the optional extra ({names} missing). Install it with:

{install}</source>
        <translation>模型地形需要可选扩展（缺少 {names}）。用以下命令安装：

{install}</translation>
    </message>
</context>
<context>
    <name>MomentumTools</name>
    <message>
        <source>Local quadratic</source>
        <translation>局部二次近似</translation>
    </message>
    <message>
        <source>Hyper-parameter map</source>
        <translation>超参数图谱</translation>
    </message>
    <message>
        <source>Sweeps</source>
        <translation>参数扫描</translation>
    </message>
</context>
<context>
    <name>NetworkController</name>
    <message>
        <source>not a network landscape</source>
        <translation>不是神经网络地形</translation>
    </message>
    <message>
        <source>unknown dataset {name!r}</source>
        <translation>未知数据集 {name!r}</translation>
    </message>
    <message>
        <source>the dataset {name} has {n} input(s) but the network&apos;s input layer has {k} unit(s)</source>
        <translation>数据集 {name} 有 {n} 个输入，但网络的输入层有 {k} 个单元</translation>
    </message>
    <message>
        <source>choose two different parameters (both are {name})</source>
        <translation type="vanished">请选择两个不同的参数（两个都是 {name}）</translation>
    </message>
    <message>
        <source>loading the compiled network kernels (the first run on a computer compiles them: a few seconds)…</source>
        <translation type="vanished">正在加载已编译的网络内核（在一台电脑上首次运行时会先编译：需要几秒）…</translation>
    </message>
    <message>
        <source>training {steps} Adam steps…</source>
        <translation type="vanished">正在训练 {steps} 步 Adam…</translation>
    </message>
    <message>
        <source>building the {method} slice…</source>
        <translation type="vanished">正在构建 {method} 切片…</translation>
    </message>
    <message>
        <source>Build a network landscape first</source>
        <translation>请先构建神经网络地形</translation>
    </message>
    <message>
        <source>run {id}, iteration {t}</source>
        <translation>运行 {id}，第 {t} 次迭代</translation>
    </message>
    <message>
        <source>cursor</source>
        <translation>光标位置</translation>
    </message>
    <message>
        <source>slice centre</source>
        <translation>切片中心</translation>
    </message>
</context>
<context>
    <name>NetworkGraph</name>
    <message>
        <source>Select a run to see the step its optimizer takes here.</source>
        <translation>选择一条运行，即可看到其优化器在此处迈出的一步。</translation>
    </message>
    <message>
        <source>The run stops at this iteration: its optimizer takes no further step.</source>
        <translation>该运行在此迭代处停止：其优化器不再迈出下一步。</translation>
    </message>
    <message>
        <source>unknown scope {scope!r}</source>
        <translation>未知的范围 {scope!r}</translation>
    </message>
</context>
<context>
    <name>NetworkGraphPanel</name>
    <message>
        <source>sample </source>
        <translation>样本 </translation>
    </message>
    <message>
        <source>The input whose forward pass is written on the nodes (or click a point in the data view); S and Shift+S step through the samples</source>
        <translation>其前向传播写在节点上的输入（也可在数据视图中点击一个点）；S 和 Shift+S 逐个切换样本</translation>
    </message>
    <message>
        <source>Backward pass (&amp;δ)</source>
        <translation>反向传播(&amp;δ)</translation>
    </message>
    <message>
        <source>Show δ = ∂L/∂z on the nodes and ∂L/∂w on the edges instead of the weights (D)</source>
        <translation>在节点上显示 δ = ∂L/∂z，在边上显示 ∂L/∂w（代替权重）(D)</translation>
    </message>
    <message>
        <source>this sample&apos;s loss ℓ</source>
        <translation>此样本的损失 ℓ</translation>
    </message>
    <message>
        <source>training loss L (mean)</source>
        <translation>训练损失 L（平均）</translation>
    </message>
    <message>
        <source>Which loss the backward pass differentiates: the traced sample&apos;s own loss ℓ, or the mean loss L over the dataset that training follows (its δ summed over the samples is ∂L/∂b)</source>
        <translation>反向传播对哪个损失求导：所追踪样本自身的损失 ℓ，或训练所遵循的数据集平均损失 L（其 δ 对样本求和即为 ∂L/∂b）</translation>
    </message>
    <message>
        <source>The parameters traced (the selected run at the current iteration, else the cursor, else the slice centre) and the sample&apos;s way through the network</source>
        <translation>所追踪的参数（选中运行在当前迭代处的参数，否则为光标处，否则为切片中心）以及该样本在网络中的传递过程</translation>
    </message>
    <message>
        <source>The selected weight&apos;s update: plain gradient descent on the training loss, and the step the selected run&apos;s optimizer takes for it</source>
        <translation>所选权重的更新：训练损失上的普通梯度下降，以及所选运行的优化器对它迈出的一步</translation>
    </message>
    <message>
        <source>Build a network landscape (Network tab) to see the network.</source>
        <translation>构建神经网络地形（“神经网络”标签页）后，即可查看网络。</translation>
    </message>
    <message>
        <source>At {what}: sample {n}, x = ({x}), target {t} → ŷ = {y}, ℓ = {l:.4g}; L = {L:.4g}</source>
        <translation>在{what}处：样本 {n}，x = ({x})，目标 {t} → ŷ = {y}，ℓ = {l:.4g}；L = {L:.4g}</translation>
    </message>
    <message>
        <source>Click an edge to see its weight&apos;s update (arrow keys move along the edges).</source>
        <translation>点击一条边即可查看其权重的更新（方向键可沿边移动）。</translation>
    </message>
    <message>
        <source>&lt;b&gt;{name}&lt;/b&gt; ({src}[{j}] → z{l}[{i}]) at {what}</source>
        <translation>&lt;b&gt;{name}&lt;/b&gt;（{src}[{j}] → z{l}[{i}]），位于{what}</translation>
    </message>
    <message>
        <source>w = {w}, &amp;nbsp; ∂L/∂w = {g} &amp;nbsp; (L: the mean loss over the {n} points, by backprop)</source>
        <translation>w = {w}，&amp;nbsp; ∂L/∂w = {g} &amp;nbsp;（L：{n} 个点上的平均损失，由反向传播求得）</translation>
    </message>
    <message>
        <source>Gradient descent, η = {lr}: &amp;nbsp; w ← w − η·∂L/∂w = {w} − {lr} × {g} = &lt;b&gt;{after}&lt;/b&gt;</source>
        <translation>梯度下降，η = {lr}：&amp;nbsp; w ← w − η·∂L/∂w = {w} − {lr} × {g} = &lt;b&gt;{after}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>{opt} (run {id}), iteration {t} → {t1}: the run moves (α, β), so w moves by Δw = d1·Δα + d2·Δβ = {step}: &amp;nbsp; w ← {w} + {pstep} = &lt;b&gt;{after}&lt;/b&gt;</source>
        <translation>{opt}（运行 {id}），迭代 {t} → {t1}：运行移动 (α, β)，因此 w 移动 Δw = d1·Δα + d2·Δβ = {step}：&amp;nbsp; w ← {w} + {pstep} = &lt;b&gt;{after}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>(on a slice only the in-plane part of a step moves the weights)</source>
        <translation>（在切片上，只有一步中位于平面内的部分会移动权重）</translation>
    </message>
</context>
<context>
    <name>NetworkGraphView</name>
    <message>
        <source>The network: orange = positive, blue = negative, thicker = larger. Hover a node or an edge for its values; click an edge for its update (Esc clears, arrow keys move along the edges)</source>
        <translation>网络：橙色 = 正，蓝色 = 负，越粗 = 越大。悬停在节点或边上可查看其数值；点击一条边可查看其更新（Esc 清除，方向键沿边移动）</translation>
    </message>
    <message>
        <source>no edge W{l}[{i},{j}] in this network</source>
        <translation>此网络中没有边 W{l}[{i},{j}]</translation>
    </message>
    <message>
        <source>hover a node for z and h = σ(z)</source>
        <translation>悬停在节点上查看 z 和 h = σ(z)</translation>
    </message>
    <message>
        <source>beside the nodes: z → h = σ(z)</source>
        <translation>节点旁：z → h = σ(z)</translation>
    </message>
    <message>
        <source>beside the nodes: z and h = σ(z)</source>
        <translation>节点旁：z 和 h = σ(z)</translation>
    </message>
    <message>
        <source> (hover the others)</source>
        <translation>（其余请悬停查看）</translation>
    </message>
    <message>
        <source>, then {d}; edges: {g}</source>
        <translation>，然后是 {d}；边：{g}</translation>
    </message>
    <message>
        <source>; edges: w</source>
        <translation>；边：w</translation>
    </message>
    <message>
        <source>input {name} = {v}</source>
        <translation>输入 {name} = {v}</translation>
    </message>
    <message>
        <source>{name}: layer {l}, unit {i}</source>
        <translation>{name}：第 {l} 层，第 {i} 个单元</translation>
    </message>
    <message>
        <source>click for its update</source>
        <translation>点击查看其更新</translation>
    </message>
</context>
<context>
    <name>NetworkMode</name>
    <message>
        <source>Network</source>
        <translation type="vanished">神经网络</translation>
    </message>
    <message>
        <source>The loss of a small neural network, sliced to 2D: descend on it like on any function</source>
        <translation type="vanished">小型神经网络的损失，切成二维切片：可以像在任何函数上一样在其上做梯度下降</translation>
    </message>
    <message>
        <source>Data and prediction</source>
        <translation type="vanished">数据与预测</translation>
    </message>
    <message>
        <source>Backprop</source>
        <translation type="vanished">反向传播</translation>
    </message>
    <message>
        <source>Building the network slice or refining its surface in the background</source>
        <translation type="vanished">正在后台构建网络切片或细化其曲面</translation>
    </message>
    <message>
        <source>Full-space {opt} training projected onto the plane ({n} steps); largest gap true − surface = {gap:.4g} at step {k}</source>
        <translation type="vanished">全空间 {opt} 训练投影到平面上（{n} 步）；真实值 − 曲面值的最大差距 = {gap:.4g}，位于第 {k} 步</translation>
    </message>
</context>
<context>
    <name>NetworkPanel</name>
    <message>
        <source>The toy dataset the network is trained on (generated from the seed, no download)</source>
        <translation>用于训练网络的玩具数据集（由随机种子生成，无需下载）</translation>
    </message>
    <message>
        <source>Number of data points (10 to 10000); the loss is their mean</source>
        <translation>数据点数量（10 到 10000）；损失为它们的平均值</translation>
    </message>
    <message>
        <source>Standard deviation of the Gaussian noise added to the data</source>
        <translation>添加到数据上的高斯噪声的标准差</translation>
    </message>
    <message>
        <source>Seed of the data generator: the same seed gives the same points</source>
        <translation>数据生成器的随机种子：相同的种子生成相同的数据点</translation>
    </message>
    <message>
        <source>Hidden layer sizes separated by commas, e.g. &quot;16, 16&quot; (1 to 64 units each; empty: no hidden layer). Input and output sizes follow from the data and loss.</source>
        <translation>隐藏层大小，用逗号分隔，例如“16, 16”（每层 1 到 64 个单元；留空：无隐藏层）。输入层和输出层的大小由数据和损失决定。</translation>
    </message>
    <message>
        <source>Activation of the hidden layers</source>
        <translation>隐藏层的激活函数</translation>
    </message>
    <message>
        <source>Loss; set by the task (BCE for two classes, softmax CE for more, MSE for regression) — only the losses valid for this dataset are listed</source>
        <translation>损失函数，由任务决定（二分类用 BCE，多分类用 softmax 交叉熵，回归用 MSE）——只列出对该数据集有效的损失函数</translation>
    </message>
    <message>
        <source>The layer sizes the network gets, input → hidden → output</source>
        <translation>网络各层的大小：输入 → 隐藏 → 输出</translation>
    </message>
    <message>
        <source>How the 2D plane through parameter space is chosen: two random directions (Li et al. 2018), two named parameters, the top two principal directions of a training path, or the top two Hessian eigenvectors</source>
        <translation>如何选取穿过参数空间的二维平面：两个随机方向（Li 等，2018）、两个指定参数、一条训练路径的前两个主成分方向（PCA），或黑塞矩阵（Hessian）的前两个特征向量</translation>
    </message>
    <message>
        <source>Seed of the initial weights and of the random directions</source>
        <translation>初始权重和随机方向的随机种子</translation>
    </message>
    <message>
        <source>Trained parameters</source>
        <translation>训练后的参数</translation>
    </message>
    <message>
        <source>Initial parameters</source>
        <translation>初始参数</translation>
    </message>
    <message>
        <source>Centre of the slice: the initial weights, or the weights after 200 full-batch Adam steps (trained in the engine before slicing)</source>
        <translation type="vanished">切片的中心：初始权重，或经过 200 步全批量 Adam 训练后的权重（切片前在引擎中训练）</translation>
    </message>
    <message>
        <source>Filter-normalised</source>
        <translation>滤波器归一化</translation>
    </message>
    <message>
        <source>Rescale each direction&apos;s rows to the norms of the matching weight rows (Li et al. 2018), so that the picture is comparable across networks</source>
        <translation>将每个方向的各行缩放到对应权重行的范数（Li 等，2018），使不同网络的图像可以相互比较</translation>
    </message>
    <message>
        <source>Orthogonalise</source>
        <translation>正交化</translation>
    </message>
    <message>
        <source>Make d2 orthogonal to d1 (Gram–Schmidt) so that the axes are not skewed</source>
        <translation>使 d2 与 d1 正交（Gram–Schmidt 正交化），使坐标轴不倾斜</translation>
    </message>
    <message>
        <source>Parameter on the horizontal axis, e.g. W1[0,0] (row = unit of the layer, column = unit of the layer before) or b2[0]</source>
        <translation>横轴上的参数，例如 W1[0,0]（行 = 该层的单元，列 = 前一层的单元）或 b2[0]</translation>
    </message>
    <message>
        <source>Parameter on the vertical axis</source>
        <translation>纵轴上的参数</translation>
    </message>
    <message>
        <source>&amp;Build landscape</source>
        <translation>构建地形(&amp;B)</translation>
    </message>
    <message>
        <source>Build the network, train it if needed and draw its loss over the slice (Enter); runs on the current landscape are cleared</source>
        <translation>构建网络，必要时进行训练，并在切片上绘制其损失（Enter）；将清除当前地形上的所有运行</translation>
    </message>
    <message>
        <source>Building in the background; the window stays usable</source>
        <translation>正在后台构建；窗口仍可正常使用</translation>
    </message>
    <message>
        <source>What the last build did, or why the settings were refused</source>
        <translation>上次构建的结果，或设置被拒绝的原因</translation>
    </message>
    <message>
        <source>Optimizer that trains all parameters (not only the two of the plane)</source>
        <translation type="vanished">训练所有参数（而不只是平面上的两个参数）的优化器</translation>
    </message>
    <message>
        <source>Learning rate of the full-space training</source>
        <translation type="vanished">全空间训练的学习率</translation>
    </message>
    <message>
        <source>Number of full-batch steps</source>
        <translation type="vanished">全批量训练的步数</translation>
    </message>
    <message>
        <source>Slice centre</source>
        <translation type="vanished">切片中心</translation>
    </message>
    <message>
        <source>Selected run&apos;s start</source>
        <translation type="vanished">选中运行的起点</translation>
    </message>
    <message>
        <source>Where training starts: θ at the slice centre, or θ(α, β) at the start of the selected run (click the map to start one)</source>
        <translation type="vanished">训练的起点：切片中心处的 θ，或选中运行起点处的 θ(α, β)（单击图即可开始一次运行）</translation>
    </message>
    <message>
        <source>&amp;Train in full space</source>
        <translation type="vanished">在全空间训练(&amp;T)</translation>
    </message>
    <message>
        <source>Train every parameter and project the path onto the plane (dashed path on the map); compare the true loss with the drawn surface below</source>
        <translation type="vanished">训练所有参数，并将路径投影到平面上（图上的虚线路径）；可在下方比较真实损失与绘制的曲面</translation>
    </message>
    <message>
        <source>step</source>
        <translation type="vanished">步</translation>
    </message>
    <message>
        <source>loss</source>
        <translation type="vanished">损失</translation>
    </message>
    <message>
        <source>true L(θ_t)</source>
        <translation type="vanished">真实 L(θ_t)</translation>
    </message>
    <message>
        <source>surface at projection</source>
        <translation type="vanished">投影处的曲面值</translation>
    </message>
    <message>
        <source>Full-space training: the true loss along the path and the drawn surface&apos;s value at its projection onto the plane. Where they differ, the projected path misleads.</source>
        <translation type="vanished">全空间训练：沿路径的真实损失，以及绘制的曲面在路径投影点处的值。两者不一致的地方，投影路径会产生误导。</translation>
    </message>
    <message>
        <source>Largest difference between the true loss and the surface along the path</source>
        <translation type="vanished">沿路径真实损失与曲面值之间的最大差值</translation>
    </message>
    <message>
        <source>Centre of the slice: the initial weights, or the weights after the training set under Training (done in the engine before slicing)</source>
        <translation>切片的中心：初始权重，或按“训练”一栏的设置训练后的权重（切片前在引擎中训练）</translation>
    </message>
    <message>
        <source>Dataset</source>
        <translation>数据集</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <source>noise</source>
        <translation>噪声</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>点数</translation>
    </message>
    <message>
        <source>Data seed</source>
        <translation>数据种子</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>神经网络</translation>
    </message>
    <message>
        <source>Hidden</source>
        <translation>隐藏层</translation>
    </message>
    <message>
        <source>Activation</source>
        <translation>激活函数</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>层结构</translation>
    </message>
    <message>
        <source>Slice</source>
        <translation>切片</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>方法</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>种子</translation>
    </message>
    <message>
        <source>Centre</source>
        <translation>中心</translation>
    </message>
    <message>
        <source>Trains from the initial weights itself (optimizer, η and steps under Training); the plane holds the two main directions of that path, centred on its end.</source>
        <translation>自行从初始权重开始训练（优化器、η 和步数见“训练”一栏）；平面由该路径的两个主方向张成，以路径终点为中心。</translation>
    </message>
    <message>
        <source>Full-space training on this slice</source>
        <translation type="vanished">在此切片上进行全空间训练</translation>
    </message>
    <message>
        <source>Optimizer</source>
        <translation type="vanished">优化器</translation>
    </message>
    <message>
        <source>Steps, from</source>
        <translation type="vanished">步数、起点</translation>
    </message>
    <message>
        <source>hidden layer sizes must be whole numbers separated by commas, e.g. &quot;16, 16&quot;; got &quot;{text}&quot;</source>
        <translation>隐藏层大小必须是用逗号分隔的整数，例如“16, 16”；实际为“{text}”</translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:#d9534f&apos;&gt;not a list of sizes&lt;/span&gt;</source>
        <translation>&lt;span style=&apos;color:#d9534f&apos;&gt;不是有效的大小列表&lt;/span&gt;</translation>
    </message>
    <message>
        <source>{layers}  ({n} parameters)</source>
        <translation>{layers}（共 {n} 个参数）</translation>
    </message>
    <message>
        <source>Axes: α·d1 + β·d2 with two Gaussian directions.</source>
        <translation>坐标轴：α·d1 + β·d2，d1、d2 为两个高斯随机方向。</translation>
    </message>
    <message>
        <source>The exact 2D sub-landscape: the axes are the two parameters&apos; values, every other parameter stays at the centre.</source>
        <translation>精确的二维子地形：坐标轴是这两个参数的值，其余参数都固定在中心处的值。</translation>
    </message>
    <message>
        <source>Trains 200 Adam steps from the initial weights itself; the plane holds the two main directions of that path, centred on its end.</source>
        <translation type="vanished">自行从初始权重开始训练 200 步 Adam；平面由该路径的两个主方向张成，以路径终点为中心。</translation>
    </message>
    <message>
        <source>The two directions of strongest curvature at the centre.</source>
        <translation>中心处曲率最大的两个方向。</translation>
    </message>
    <message>
        <source>Building…</source>
        <translation>正在构建…</translation>
    </message>
    <message>
        <source>Select a run first (click the map to start one), or train from the slice centre</source>
        <translation type="vanished">请先选中一个运行（单击图即可开始一次运行），或从切片中心开始训练</translation>
    </message>
    <message>
        <source>Not built: {error}. The previous landscape stays.</source>
        <translation>未构建：{error}。保留之前的地形。</translation>
    </message>
    <message>
        <source>Network: {error}</source>
        <translation>神经网络：{error}</translation>
    </message>
    <message>
        <source>{name}: {n} parameters, {method} slice, loss at the centre {loss:.4g} (built in {t:.2f} s). Click the map to descend in the plane.</source>
        <translation>{name}：{n} 个参数，{method} 切片，中心处损失 {loss:.4g}（构建用时 {t:.2f} 秒）。单击图即可在平面内下降。</translation>
    </message>
    <message>
        <source>Max |true − surface| = {gap:.4g} at step {k}; final loss {true:.4g} true vs {surf:.4g} on the surface; the path ends {d:.3g} away from the plane.</source>
        <translation type="vanished">最大 |真实值 − 曲面值| = {gap:.4g}，位于第 {k} 步；最终损失：真实值 {true:.4g}，曲面值 {surf:.4g}；路径终点距平面 {d:.3g}。</translation>
    </message>
    <message>
        <source>XOR</source>
        <translation>XOR</translation>
    </message>
    <message>
        <source>Two moons</source>
        <translation>双月形</translation>
    </message>
    <message>
        <source>Circles</source>
        <translation>同心圆</translation>
    </message>
    <message>
        <source>Two spirals</source>
        <translation>双螺旋</translation>
    </message>
    <message>
        <source>Three blobs</source>
        <translation>三簇</translation>
    </message>
    <message>
        <source>Linear (regression)</source>
        <translation>线性（回归）</translation>
    </message>
    <message>
        <source>Sine (regression)</source>
        <translation>正弦（回归）</translation>
    </message>
    <message>
        <source>Binary cross-entropy</source>
        <translation>二元交叉熵</translation>
    </message>
    <message>
        <source>Softmax cross-entropy</source>
        <translation>Softmax 交叉熵</translation>
    </message>
    <message>
        <source>Mean squared error</source>
        <translation>均方误差</translation>
    </message>
    <message>
        <source>Random directions</source>
        <translation>随机方向</translation>
    </message>
    <message>
        <source>Two parameters</source>
        <translation>两个参数</translation>
    </message>
    <message>
        <source>PCA of training</source>
        <translation>训练路径的 PCA</translation>
    </message>
    <message>
        <source>Hessian eigenvectors</source>
        <translation>Hessian 特征向量</translation>
    </message>
</context>
<context>
    <name>NetworkTrainingBox</name>
    <message>
        <source>Iris (scikit-learn, petal length and width)</source>
        <translation>鸢尾花（scikit-learn，花瓣长度与宽度）</translation>
    </message>
    <message>
        <source>Breast cancer (scikit-learn, radius and texture)</source>
        <translation>乳腺癌（scikit-learn，平均半径与纹理）</translation>
    </message>
    <message>
        <source>Wine (scikit-learn, alcohol and flavanoids)</source>
        <translation>葡萄酒（scikit-learn，酒精与类黄酮）</translation>
    </message>
    <message>
        <source>Moons (scikit-learn make_moons)</source>
        <translation>双月（scikit-learn make_moons）</translation>
    </message>
    <message>
        <source>Circles (scikit-learn make_circles)</source>
        <translation>同心圆（scikit-learn make_circles）</translation>
    </message>
    <message>
        <source>Two clusters (scikit-learn make_classification)</source>
        <translation>两个簇（scikit-learn make_classification）</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Optimizer that trains the slice&apos;s centre (all parameters)</source>
        <translation>训练切片中心（全部参数）的优化器</translation>
    </message>
    <message>
        <source>Learning rate of the centre&apos;s training</source>
        <translation>中心训练的学习率</translation>
    </message>
    <message>
        <source>Training steps before slicing (shown as progress while the network trains)</source>
        <translation>切片前的训练步数（训练时显示进度）</translation>
    </message>
    <message>
        <source>Mini-batch size of the centre&apos;s training: each step follows the gradient on this many points drawn without replacement, a new shuffle each epoch (full batch: every point, every step)</source>
        <translation>中心训练的小批量大小：每一步沿这么多个无放回抽取的点上的梯度前进，每个轮次重新打乱（全批量：每一步使用全部点）</translation>
    </message>
    <message>
        <source>Mini-batch size of runs on the slice: each iteration follows the in-plane gradient on a batch of points (drawn from the slice&apos;s seed), so the path wobbles; the loss curve is the loss on all training points</source>
        <translation>切片上运行的小批量大小：每次迭代沿一批点（由切片的种子抽取）上的平面内梯度前进，因此路径会抖动；损失曲线是全部训练点上的损失</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>L2 regularisation (weight decay): the loss becomes L + λ/2·Σw² over the weights (not the biases); the surface, the training and the runs all use it</source>
        <translation>L2 正则化（权重衰减）：损失变为 L + λ/2·Σw²，对权重求和（不含偏置）；曲面、训练和运行都使用它</translation>
    </message>
    <message>
        <source>Fraction of the points held out as a test set (drawn from the data seed): the network trains on the rest, and the test loss and accuracy are shown</source>
        <translation>留作测试集的点的比例（由数据种子抽取）：网络在其余的点上训练，并显示测试损失和准确率</translation>
    </message>
    <message>
        <source>Open &amp;CSV…</source>
        <translation>打开 &amp;CSV…</translation>
    </message>
    <message>
        <source>Train on your own data: a CSV file with two feature columns and a label column (whole numbers), header optional</source>
        <translation>用你自己的数据训练：CSV 文件，两列特征和一列标签（整数），表头可有可无</translation>
    </message>
    <message>
        <source>Optimizer</source>
        <translation>优化器</translation>
    </message>
    <message>
        <source>batch</source>
        <translation>批量</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>步数</translation>
    </message>
    <message>
        <source>L2 λ</source>
        <translation>L2 λ</translation>
    </message>
    <message>
        <source>Test fraction</source>
        <translation>测试比例</translation>
    </message>
    <message>
        <source>Runs&apos; batch</source>
        <translation>运行的批量</translation>
    </message>
    <message>
        <source>full batch</source>
        <translation>全批量</translation>
    </message>
    <message>
        <source>{title} — needs scikit-learn</source>
        <translation>{title} — 需要 scikit-learn</translation>
    </message>
    <message>
        <source>scikit-learn is not installed: pip install &apos;descent-lab[datasets]&apos;</source>
        <translation>未安装 scikit-learn：pip install &apos;descent-lab[datasets]&apos;</translation>
    </message>
    <message>
        <source>Open training data</source>
        <translation>打开训练数据</translation>
    </message>
    <message>
        <source>CSV files (*.csv *.txt);;All files (*)</source>
        <translation>CSV 文件 (*.csv *.txt);;所有文件 (*)</translation>
    </message>
    <message>
        <source>cannot use this file: {error}</source>
        <translation>无法使用此文件：{error}</translation>
    </message>
    <message>
        <source>cannot use this file: {name} has {n} data rows, at least 4 are needed</source>
        <translation>无法使用此文件：{name} 只有 {n} 行数据，至少需要 4 行</translation>
    </message>
    <message>
        <source>CSV: {file} ({n} points)</source>
        <translation>CSV：{file}（{n} 个点）</translation>
    </message>
    <message>
        <source>open a CSV file first</source>
        <translation>请先打开一个 CSV 文件</translation>
    </message>
    <message>
        <source>training</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>test</source>
        <translation>测试</translation>
    </message>
    <message>
        <source>{set} loss {loss:.4g}</source>
        <translation>{set}损失 {loss:.4g}</translation>
    </message>
    <message>
        <source>, accuracy {acc:.1%}</source>
        <translation>，准确率 {acc:.1%}</translation>
    </message>
    <message>
        <source>At the centre: {scores}.</source>
        <translation>在中心处：{scores}。</translation>
    </message>
</context>
<context>
    <name>NumberField</name>
    <message>
        <source>Not a number: “{text}”</source>
        <translation>不是数字：“{text}”</translation>
    </message>
    <message>
        <source>“{text}” refused: {reason}</source>
        <translation>“{text}”未被接受：{reason}</translation>
    </message>
</context>
<context>
    <name>OpenGL</name>
    <message>
        <source>no Qt GUI application is running</source>
        <translation>没有正在运行的 Qt GUI 应用程序</translation>
    </message>
    <message>
        <source>3D needs a display with OpenGL; this session is headless (Qt platform “{platform}”)</source>
        <translation>三维视图需要支持 OpenGL 的显示环境；当前会话没有显示器（Qt 平台“{platform}”）</translation>
    </message>
    <message>
        <source>the PyOpenGL package is not usable: {error}</source>
        <translation>PyOpenGL 包不可用：{error}</translation>
    </message>
    <message>
        <source>no OpenGL context could be created on platform “{platform}”</source>
        <translation>无法在平台“{platform}”上创建 OpenGL 上下文</translation>
    </message>
    <message>
        <source>no OpenGL surface could be created on platform “{platform}”</source>
        <translation>无法在平台“{platform}”上创建 OpenGL 表面</translation>
    </message>
    <message>
        <source>an OpenGL context could not be made current</source>
        <translation>无法将 OpenGL 上下文设为当前上下文</translation>
    </message>
</context>
<context>
    <name>OptimizerPanel</name>
    <message>
        <source>Momentum μ</source>
        <translation>动量 μ</translation>
    </message>
    <message>
        <source>How much of the previous velocity is kept each step (0 = plain descent).</source>
        <translation>每一步保留多少先前的速度（0 = 普通梯度下降）。</translation>
    </message>
    <message>
        <source>β₁</source>
        <translation>β₁</translation>
    </message>
    <message>
        <source>Decay of the running mean of gradients m (first moment).</source>
        <translation>梯度滑动平均 m（一阶矩）的衰减率。</translation>
    </message>
    <message>
        <source>β₂</source>
        <translation>β₂</translation>
    </message>
    <message>
        <source>Decay of the running mean of squared gradients v (second moment).</source>
        <translation>梯度平方滑动平均 v（二阶矩）的衰减率。</translation>
    </message>
    <message>
        <source>α</source>
        <translation>α</translation>
    </message>
    <message>
        <source>Decay of the running mean of squared gradients.</source>
        <translation>梯度平方滑动平均的衰减率。</translation>
    </message>
    <message>
        <source>ε</source>
        <translation>ε</translation>
    </message>
    <message>
        <source>Added to the denominator so that it never divides by zero.</source>
        <translation>加到分母上，避免除以零。</translation>
    </message>
    <message>
        <source>η decay</source>
        <translation>η 衰减</translation>
    </message>
    <message>
        <source>The learning rate is divided by 1 + t·decay at step t.</source>
        <translation>第 t 步的学习率除以 1 + t·衰减。</translation>
    </message>
    <message>
        <source>G₀</source>
        <translation>G₀</translation>
    </message>
    <message>
        <source>Starting value of the accumulated squared gradients.</source>
        <translation>累积梯度平方的初始值。</translation>
    </message>
    <message>
        <source>What an edit below changes: the selected run (select one in the run list), every run while “Apply to all runs” is on, or, with nothing selected, the runs you start next. New runs always start with the settings shown.</source>
        <translation>下方的修改作用于：选中的运行（在运行列表中选择一个）；开启“应用到所有运行”时作用于每个运行；未选中任何运行时作用于之后新开始的运行。新运行总是使用这里显示的设置。</translation>
    </message>
    <message>
        <source>&amp;Optimizer</source>
        <translation>优化器(&amp;O)</translation>
    </message>
    <message>
        <source>The update rule this optimizer applies at every step</source>
        <translation>该优化器每一步使用的更新规则</translation>
    </message>
    <message>
        <source>Learning rate η on a log scale from 1e-5 to 10 (PgUp/PgDn: one decade)</source>
        <translation>学习率 η，对数刻度，范围 1e-5 到 10（PgUp/PgDn：一个数量级）</translation>
    </message>
    <message>
        <source>Exact learning rate η (e.g. 0.01 or 3e-4); press Enter to apply</source>
        <translation>精确的学习率 η（如 0.01 或 3e-4）；按 Enter 应用</translation>
    </message>
    <message>
        <source>&amp;Learning rate η</source>
        <translation>学习率 η(&amp;L)</translation>
    </message>
    <message>
        <source>Maximum number of iterations per run (a run stops earlier when it converges or diverges)</source>
        <translation>每次运行的最大迭代次数（收敛或发散时会提前停止）</translation>
    </message>
    <message>
        <source>S&amp;teps</source>
        <translation>步数(&amp;T)</translation>
    </message>
    <message>
        <source>Co&amp;mpare optimizers</source>
        <translation>比较优化器(&amp;M)</translation>
    </message>
    <message>
        <source>When on, a click on the landscape starts one run per ticked optimizer from the same point</source>
        <translation>开启后，单击地形会为每个勾选的优化器从同一点各启动一次运行</translation>
    </message>
    <message>
        <source>Optimizers started by a click in compare mode</source>
        <translation>比较模式下单击时启动的优化器</translation>
    </message>
    <message>
        <source>Apply to all runs</source>
        <translation>应用到所有运行</translation>
    </message>
    <message>
        <source>When on, every run takes the learning rate shown at once, and each later edit of η or a hyper-parameter (here or with the sliders of the Sweeps panel) changes every run; each run keeps its optimizer. Compares one η across optimizers.</source>
        <translation>开启后，所有运行立即采用显示的学习率，之后对 η 或超参数的每次修改（在此处或用扫描面板的滑块）都会改变每个运行；每个运行保留自己的优化器。用于在不同优化器之间比较同一个 η。</translation>
    </message>
    <message>
        <source>Out of range: η &gt; 0</source>
        <translation>超出范围：η &gt; 0</translation>
    </message>
    <message>
        <source>Out of range: {rule}</source>
        <translation>超出范围：{rule}</translation>
    </message>
    <message>
        <source>Optimizer used by new runs and by the selected runs:</source>
        <translation>新运行和选中运行所用的优化器：</translation>
    </message>
    <message>
        <source>Editing every run ({n}): each keeps its optimizer</source>
        <translation>正在编辑所有运行（{n} 个）：各自保留优化器</translation>
    </message>
    <message>
        <source>Editing run {id} · {optimizer}</source>
        <translation>正在编辑运行 {id} · {optimizer}</translation>
    </message>
    <message>
        <source>Editing runs {ids}</source>
        <translation>正在编辑运行 {ids}</translation>
    </message>
    <message>
        <source>Settings for new runs</source>
        <translation>新运行的设置</translation>
    </message>
</context>
<context>
    <name>OverlayOptions</name>
    <message>
        <source>&amp;Title</source>
        <translation>标题(&amp;T)</translation>
    </message>
    <message>
        <source>The landscape&apos;s name and formula at the top left</source>
        <translation>左上角显示地形的名称和公式</translation>
    </message>
    <message>
        <source>&amp;Legend</source>
        <translation>图例(&amp;L)</translation>
    </message>
    <message>
        <source>Each run&apos;s colour, optimizer, learning rate η and start</source>
        <translation>每次运行的颜色、优化器、学习率 η 和起点</translation>
    </message>
    <message>
        <source>&amp;Counter t</source>
        <translation>计数器 t(&amp;C)</translation>
    </message>
    <message>
        <source>The iteration t shown, at the bottom left</source>
        <translation>左下角显示当前的迭代 t</translation>
    </message>
    <message>
        <source>&amp;Update rule</source>
        <translation>更新规则(&amp;U)</translation>
    </message>
    <message>
        <source>The update rule of the selected run (or the first run), at the bottom right</source>
        <translation>右下角显示所选运行（或第一次运行）的更新规则</translation>
    </message>
</context>
<context>
    <name>PCAPathOverlay</name>
    <message>
        <source>&amp;Training path on the PCA plane</source>
        <translation>PCA 平面上的训练路径(&amp;T)</translation>
    </message>
    <message>
        <source>Draw the training path that defines a PCA slice, with step markers and its projection residual</source>
        <translation>绘制定义 PCA 切片的训练路径，带步数标记及其投影残差</translation>
    </message>
    <message>
        <source>The plane&apos;s training path: {n} steps, PC1 {v1:.1f}% + PC2 {v2:.1f}% of its variance; largest residual ‖θ_t − projection‖ = {r:.3g} ({rel:.1f}% of its distance from the centre)</source>
        <translation>该平面的训练路径：{n} 步，PC1 {v1:.1f}% + PC2 {v2:.1f}% 的方差；最大残差 ‖θ_t − 投影‖ = {r:.3g}（占其到中心距离的 {rel:.1f}%）</translation>
    </message>
    <message>
        <source>step {n}</source>
        <translation>第 {n} 步</translation>
    </message>
    <message>
        <source>PCA path: residual ≤ {r:.3g} ({rel:.1f}%)</source>
        <translation>PCA 路径：残差 ≤ {r:.3g}（{rel:.1f}%）</translation>
    </message>
</context>
<context>
    <name>Playback</name>
    <message>
        <source>&amp;Play</source>
        <translation>播放(&amp;P)</translation>
    </message>
    <message>
        <source>Play / pause the animation (Space)</source>
        <translation>播放/暂停动画 (Space)</translation>
    </message>
    <message>
        <source>Step &amp;forward</source>
        <translation>前进一步(&amp;F)</translation>
    </message>
    <message>
        <source>One iteration forward (→)</source>
        <translation>前进一次迭代 (→)</translation>
    </message>
    <message>
        <source>Step &amp;back</source>
        <translation>后退一步(&amp;B)</translation>
    </message>
    <message>
        <source>One iteration back (←)</source>
        <translation>后退一次迭代 (←)</translation>
    </message>
    <message>
        <source>Jump to &amp;start</source>
        <translation>跳到开头(&amp;S)</translation>
    </message>
    <message>
        <source>First iteration (Home)</source>
        <translation>第一次迭代 (Home)</translation>
    </message>
    <message>
        <source>Jump to &amp;end</source>
        <translation>跳到末尾(&amp;E)</translation>
    </message>
    <message>
        <source>Last iteration (End)</source>
        <translation>最后一次迭代 (End)</translation>
    </message>
    <message>
        <source>&amp;Reset</source>
        <translation>重置(&amp;R)</translation>
    </message>
    <message>
        <source>Stop and go back to iteration 0 (R)</source>
        <translation>停止并回到第 0 次迭代 (R)</translation>
    </message>
    <message>
        <source>&amp;Faster</source>
        <translation>加速(&amp;F)</translation>
    </message>
    <message>
        <source>Double the speed (])</source>
        <translation>速度加倍 (])</translation>
    </message>
    <message>
        <source>&amp;Slower</source>
        <translation>减速(&amp;S)</translation>
    </message>
    <message>
        <source>Halve the speed ([)</source>
        <translation>速度减半 ([)</translation>
    </message>
    <message>
        <source>&amp;Loop</source>
        <translation>循环(&amp;L)</translation>
    </message>
    <message>
        <source>Start again from iteration 0 at the end (Ctrl+L)</source>
        <translation>播放到末尾后从第 0 次迭代重新开始 (Ctrl+L)</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>暂停(&amp;P)</translation>
    </message>
</context>
<context>
    <name>PlaybackBar</name>
    <message>
        <source>Playback</source>
        <translation>播放</translation>
    </message>
    <message>
        <source>Iteration shown by every run: drag to scrub back and forth</source>
        <translation>所有运行显示的迭代：拖动可来回浏览</translation>
    </message>
    <message>
        <source>Current iteration / last iteration</source>
        <translation>当前迭代 / 最后一次迭代</translation>
    </message>
    <message>
        <source>Speed </source>
        <translation>速度 </translation>
    </message>
    <message>
        <source> it/s</source>
        <translation> 次/秒</translation>
    </message>
    <message>
        <source>Iterations per second ([ halves, ] doubles)</source>
        <translation>每秒迭代次数（[ 减半，] 加倍）</translation>
    </message>
    <message>
        <source>t = {t} / {last}</source>
        <translation>t = {t} / {last}</translation>
    </message>
</context>
<context>
    <name>ProgressStatus</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Stop this computation (Esc); what is shown now stays</source>
        <translation>停止此计算（Esc）；当前显示的内容保留</translation>
    </message>
    <message>
        <source>Building the network landscape…</source>
        <translation>正在构建网络地形…</translation>
    </message>
    <message>
        <source>Computing the surface…</source>
        <translation>正在计算曲面…</translation>
    </message>
    <message>
        <source>Computing the basin map…</source>
        <translation>正在计算吸引域图…</translation>
    </message>
</context>
<context>
    <name>ProjectedPath</name>
    <message>
        <source>Full-space {opt} training projected onto the plane ({n} steps); largest gap true − surface = {gap:.4g} at step {k}</source>
        <translation>全空间 {opt} 训练投影到平面上（{n} 步）；真实值 − 曲面 的最大差距 = {gap:.4g}，在第 {k} 步</translation>
    </message>
</context>
<context>
    <name>RunInfo</name>
    <message>
        <source>computing…</source>
        <translation>计算中…</translation>
    </message>
    <message>
        <source>not computed</source>
        <translation>未计算</translation>
    </message>
    <message>
        <source>running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>converged at step {k}</source>
        <translation>第 {k} 步收敛</translation>
    </message>
    <message>
        <source>diverged at step {k}: η too large, |∇f| grew ×{factor:.3g} in {n} steps</source>
        <translation>在第 {k} 步发散：η 过大，|∇f| 在 {n} 步内增长了 ×{factor:.3g}</translation>
    </message>
    <message>
        <source>diverged at step {k}</source>
        <translation>第 {k} 步发散</translation>
    </message>
    <message>
        <source>unbounded below at step {k}: f → −∞, no minimum that way</source>
        <translation>在第 {k} 步无下界：f → −∞，该方向没有极小值</translation>
    </message>
    <message>
        <source>max steps</source>
        <translation>达到最大步数</translation>
    </message>
</context>
<context>
    <name>RunList</name>
    <message>
        <source>Runs: select to highlight and inspect; Delete removes, right-click for more</source>
        <translation>运行列表：选中以高亮并检查；Delete 键删除，右键单击查看更多</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>删除(&amp;D)</translation>
    </message>
    <message>
        <source>Delete the selected runs (Delete)</source>
        <translation>删除选中的运行 (Delete)</translation>
    </message>
    <message>
        <source>D&amp;uplicate</source>
        <translation>复制(&amp;U)</translation>
    </message>
    <message>
        <source>Start a copy of each selected run in a new colour (Ctrl+D)</source>
        <translation>以新颜色复制并启动每个选中的运行 (Ctrl+D)</translation>
    </message>
    <message>
        <source>&amp;Clear all</source>
        <translation>全部清除(&amp;C)</translation>
    </message>
    <message>
        <source>Remove every run</source>
        <translation>移除所有运行</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Clear all</source>
        <translation>全部清除</translation>
    </message>
</context>
<context>
    <name>RunTableModel</name>
    <message>
        <source>{label}, started at ({x:.4g}, {y:.4g})</source>
        <translation>{label}，起点 ({x:.4g}, {y:.4g})</translation>
    </message>
    <message>
        <source>Optimizer</source>
        <translation>优化器</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>起点</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>步数</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Run number and colour</source>
        <translation>运行编号和颜色</translation>
    </message>
    <message>
        <source>Optimizer of the run</source>
        <translation>该运行的优化器</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>Start point (x, y)</source>
        <translation>起点 (x, y)</translation>
    </message>
    <message>
        <source>Iteration shown (the run&apos;s last one once it has stopped)</source>
        <translation>当前显示的迭代（运行停止后为其最后一次迭代）</translation>
    </message>
    <message>
        <source>f at that iteration</source>
        <translation>该次迭代的 f</translation>
    </message>
    <message>
        <source>Gradient norm |∇f| at that iteration</source>
        <translation>该次迭代的梯度范数 |∇f|</translation>
    </message>
    <message>
        <source>Whether the run is still moving, converged or diverged</source>
        <translation>运行是仍在进行、已收敛还是已发散</translation>
    </message>
    <message>
        <source>The loss L at that iteration</source>
        <translation>该次迭代的损失 L</translation>
    </message>
    <message>
        <source>Norm |∇L| of the loss&apos;s gradient in the slice at that iteration</source>
        <translation>该次迭代时损失在切片内梯度的范数 |∇L|</translation>
    </message>
</context>
<context>
    <name>SceneIO</name>
    <message>
        <source>Run {id}: {error}</source>
        <translation type="vanished">运行 {id}：{error}</translation>
    </message>
</context>
<context>
    <name>SlicesView</name>
    <message>
        <source>Pin the point</source>
        <translation>固定该点</translation>
    </message>
    <message>
        <source>Keep the slices at the current point while the cursor moves on</source>
        <translation>光标移开时，切片仍停留在当前点</translation>
    </message>
    <message>
        <source>f(x, y₀): the landscape cut along x through the point; its tangent&apos;s slope is ∂f/∂x</source>
        <translation>f(x, y₀)：沿 x 方向穿过该点切开的地形；其切线斜率为 ∂f/∂x</translation>
    </message>
    <message>
        <source>f(x₀, y): the landscape cut along y through the point; its tangent&apos;s slope is ∂f/∂y</source>
        <translation>f(x₀, y)：沿 y 方向穿过该点切开的地形；其切线斜率为 ∂f/∂y</translation>
    </message>
    <message>
        <source>The secant&apos;s step h: slide left and the secant becomes the tangent</source>
        <translation>割线的步长 h：向左滑动，割线变为切线</translation>
    </message>
    <message>
        <source>h</source>
        <translation>h</translation>
    </message>
    <message>
        <source>Move the cursor over the map (or pin a point)</source>
        <translation>把光标移到地图上（或固定一个点）</translation>
    </message>
    <message>
        <source>f(x, y₀)   ∂f/∂x = {d:.4g}   secant (h = {h:.3g}): {s:.4g}</source>
        <translation>f(x, y₀)   ∂f/∂x = {d:.4g}   割线（h = {h:.3g}）：{s:.4g}</translation>
    </message>
    <message>
        <source>f(x₀, y)   ∂f/∂y = {d:.4g}   secant (h = {h:.3g}): {s:.4g}</source>
        <translation>f(x₀, y)   ∂f/∂y = {d:.4g}   割线（h = {h:.3g}）：{s:.4g}</translation>
    </message>
    <message>
        <source>At (x₀, y₀) = ({x:.4g}, {y:.4g}): ∇f = (∂f/∂x, ∂f/∂y) = ({gx:.4g}, {gy:.4g}). Blue: the secant (f(x₀+h, y₀) − f(x₀, y₀))/h, which becomes the tangent as h → 0.</source>
        <translation>在 (x₀, y₀) = ({x:.4g}, {y:.4g})：∇f = (∂f/∂x, ∂f/∂y) = ({gx:.4g}, {gy:.4g})。蓝线：割线 (f(x₀+h, y₀) − f(x₀, y₀))/h，当 h → 0 时变为切线。</translation>
    </message>
</context>
<context>
    <name>StepInspector</name>
    <message>
        <source>The selected run&apos;s update at the current iteration, with its numbers (select text to copy it)</source>
        <translation>选中运行在当前迭代的更新及其数值（选中文字即可复制）</translation>
    </message>
    <message>
        <source>Select a run (click a path or a row of the run list) to see its update written out step by step.</source>
        <translation>选择一个运行（单击轨迹或运行列表中的一行），即可逐步查看其更新过程。</translation>
    </message>
    <message>
        <source>Run {id} could not be computed: {error}</source>
        <translation>运行 {id} 无法计算：{error}</translation>
    </message>
    <message>
        <source>Run {id} · {optimizer} · t = 0</source>
        <translation>运行 {id} · {optimizer} · t = 0</translation>
    </message>
    <message>
        <source>Run {id} · {optimizer} · step t = {t} → {t1}</source>
        <translation>运行 {id} · {optimizer} · 第 t = {t} → {t1} 步</translation>
    </message>
    <message>
        <source>current point</source>
        <translation>当前点</translation>
    </message>
    <message>
        <source>|∇f| = {n}</source>
        <translation>|∇f| = {n}</translation>
    </message>
    <message>
        <source>learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>effective step, length {n}</source>
        <translation>实际步长，长度 {n}</translation>
    </message>
    <message>
        <source>next point</source>
        <translation>下一个点</translation>
    </message>
    <message>
        <source>change {d}</source>
        <translation>变化量 {d}</translation>
    </message>
    <message>
        <source>mean squared gradient (2nd moment)</source>
        <translation>梯度平方均值（二阶矩）</translation>
    </message>
    <message>
        <source>Converged at the start: |∇f| is already below the tolerance, x does not move.</source>
        <translation>在起点即已收敛：|∇f| 已低于容差，x 不再移动。</translation>
    </message>
    <message>
        <source>Converged at step {k}: |∇f| fell below the tolerance, so x stays at x{sub}. Its last step:</source>
        <translation>第 {k} 步收敛：|∇f| 降到容差以下，因此 x 停在 x{sub}。最后一步：</translation>
    </message>
    <message>
        <source>Diverged at step {k}: the step after x{sub} left the finite region and the run stopped there. Its last finite step:</source>
        <translation>第 {k} 步发散：x{sub} 之后的一步超出了有限区域，运行就此停止。最后一个有限的步：</translation>
    </message>
    <message>
        <source>Unbounded below at step {k}: f kept falling towards −∞ as the run left the region (no minimum in that direction). Its last finite step:</source>
        <translation>在第 {k} 步无下界：运行离开区域时 f 一直下降趋向 −∞（该方向没有极小值）。它最后一个有限的步骤：</translation>
    </message>
    <message>
        <source>Reached the maximum number of steps ({k}). Its last step:</source>
        <translation>达到最大步数（{k}）。最后一步：</translation>
    </message>
    <message>
        <source>share of the velocity kept</source>
        <translation>保留的速度比例</translation>
    </message>
    <message>
        <source>decay of the mean gradient m</source>
        <translation>梯度均值 m 的衰减率</translation>
    </message>
    <message>
        <source>decay of the mean squared gradient v</source>
        <translation>梯度平方均值 v 的衰减率</translation>
    </message>
    <message>
        <source>decay of the mean square</source>
        <translation>平方均值的衰减率</translation>
    </message>
    <message>
        <source>keeps the division finite</source>
        <translation>保证除法结果有限</translation>
    </message>
    <message>
        <source>learning-rate decay</source>
        <translation>学习率衰减</translation>
    </message>
    <message>
        <source>starting sum of squares</source>
        <translation>平方和的初始值</translation>
    </message>
    <message>
        <source>velocity</source>
        <translation>速度</translation>
    </message>
    <message>
        <source>mean gradient (1st moment)</source>
        <translation>梯度均值（一阶矩）</translation>
    </message>
    <message>
        <source>m with bias correction</source>
        <translation>偏差修正后的 m</translation>
    </message>
    <message>
        <source>v with bias correction</source>
        <translation>偏差修正后的 v</translation>
    </message>
    <message>
        <source>Nesterov&apos;s look-ahead direction</source>
        <translation>Nesterov 前瞻方向</translation>
    </message>
    <message>
        <source>Update</source>
        <translation>更新</translation>
    </message>
    <message>
        <source>(first of {n} selected runs)</source>
        <translation type="vanished">（{n} 个选中运行中的第一个）</translation>
    </message>
</context>
<context>
    <name>Surface3DView</name>
    <message>
        <source>3D view unavailable: {reason}</source>
        <translation>三维视图不可用：{reason}</translation>
    </message>
    <message>
        <source>The 2D map and every other view work as usual.</source>
        <translation>二维图和其他视图照常可用。</translation>
    </message>
    <message>
        <source>Drag to rotate · wheel to zoom · middle-drag or Ctrl+drag to pan</source>
        <translation>拖动旋转 · 滚轮缩放 · 中键拖动或 Ctrl+拖动平移</translation>
    </message>
    <message>
        <source>Reset &amp;camera</source>
        <translation>重置相机(&amp;C)</translation>
    </message>
    <message>
        <source>Look at the whole surface from the default angle (C)</source>
        <translation>从默认角度查看整个曲面 (C)</translation>
    </message>
    <message>
        <source>3D landscape: height and colour show f (log10 on a log scale); the runs move on the surface in step with the 2D map</source>
        <translation>三维地形：高度和颜色表示 f（对数刻度时为 log10）；运行轨迹在曲面上与二维图同步移动</translation>
    </message>
    <message>
        <source>3D view: could not sample {title}: {error}</source>
        <translation>三维视图：无法采样 {title}：{error}</translation>
    </message>
</context>
<context>
    <name>SurfaceActions</name>
    <message>
        <source>HDF5 surfaces (*.h5 *.hdf5)</source>
        <translation>HDF5 曲面 (*.h5 *.hdf5)</translation>
    </message>
    <message>
        <source>Open s&amp;urface…</source>
        <translation>打开曲面(&amp;U)…</translation>
    </message>
    <message>
        <source>Open a loss surface saved as HDF5 (descent-lab landscape, loss-landscape)</source>
        <translation>打开保存为 HDF5 的损失曲面（descent-lab landscape、loss-landscape）</translation>
    </message>
    <message>
        <source>Cannot save the scene</source>
        <translation>无法保存场景</translation>
    </message>
    <message>
        <source>Surfaces opened from files cannot be saved in a scene yet; the surface file itself keeps the landscape.</source>
        <translation>从文件打开的曲面暂时无法保存到场景中；曲面文件本身保存着该地形。</translation>
    </message>
    <message>
        <source>Open surface</source>
        <translation>打开曲面</translation>
    </message>
    <message>
        <source>Opening surface files needs h5py: pip install &apos;descent-lab[torch]&apos;</source>
        <translation>打开曲面文件需要 h5py：pip install &apos;descent-lab[torch]&apos;</translation>
    </message>
    <message>
        <source>Opened the surface {path}</source>
        <translation>已打开曲面 {path}</translation>
    </message>
    <message>
        <source>Cannot open the surface</source>
        <translation>无法打开曲面</translation>
    </message>
</context>
<context>
    <name>SweepPanel</name>
    <message>
        <source>Sweep from the selected run&apos;s start</source>
        <translation>从所选运行的起点扫描</translation>
    </message>
    <message>
        <source>Which setting the sweep varies</source>
        <translation>扫描改变哪个设置</translation>
    </message>
    <message>
        <source>How many runs</source>
        <translation>运行个数</translation>
    </message>
    <message>
        <source>Vary</source>
        <translation>改变</translation>
    </message>
    <message>
        <source>From … to</source>
        <translation>从 … 到</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Sweep</source>
        <translation>扫描</translation>
    </message>
    <message>
        <source>Start one run per value, coloured from dark (smallest) to bright</source>
        <translation>每个取值开始一个运行，颜色从深（最小）到亮</translation>
    </message>
    <message>
        <source>Remove sweep</source>
        <translation>移除扫描</translation>
    </message>
    <message>
        <source>Sliders for every run</source>
        <translation>作用于所有运行的滑块</translation>
    </message>
    <message>
        <source>Apply to all runs</source>
        <translation>应用到所有运行</translation>
    </message>
    <message>
        <source>Dragging a slider below re-runs every run with that value (the same switch as the optimizer panel&apos;s “Apply to all runs”)</source>
        <translation>拖动下方滑块会用该值重新计算每个运行（与优化器面板的“应用到所有运行”是同一个开关）</translation>
    </message>
    <message>
        <source>Dragging a slider below re-runs every run with that value</source>
        <translation type="vanished">拖动下方滑块会用该值重新运行所有运行</translation>
    </message>
    <message>
        <source>Learning rate η of every run, log scale 1e-5 … 10</source>
        <translation>所有运行的学习率 η，对数刻度 1e-5 … 10</translation>
    </message>
    <message>
        <source>μ of every momentum/Nesterov run and β₁ of every Adam run, 0.01 … 0.99</source>
        <translation>所有动量/Nesterov 运行的 μ 与所有 Adam 运行的 β₁，0.01 … 0.99</translation>
    </message>
    <message>
        <source>η</source>
        <translation>η</translation>
    </message>
    <message>
        <source>μ / β₁</source>
        <translation>μ / β₁</translation>
    </message>
    <message>
        <source>Start a run first: the sweep starts from the selected run&apos;s start.</source>
        <translation>请先开始一个运行：扫描从所选运行的起点出发。</translation>
    </message>
</context>
<context>
    <name>_LayerBlock</name>
    <message>
        <source>The chain rule for this layer and the sizes of its gradients</source>
        <translation>该层的链式法则及其梯度的大小</translation>
    </message>
    <message>
        <source>Left: ∂L/∂W{l} (row i = unit of layer {l}, column j = unit of layer {k}); right column: ∂L/∂b{l}. Red = positive, blue = negative, white = 0; hover a cell for its value</source>
        <translation>左侧：∂L/∂W{l}（第 i 行 = 第 {l} 层的单元，第 j 列 = 第 {k} 层的单元）；右侧一列：∂L/∂b{l}。红 = 正，蓝 = 负，白 = 0；将鼠标悬停在单元格上可查看其值</translation>
    </message>
    <message>
        <source>The gradient entry under the cursor</source>
        <translation>光标下的梯度元素</translation>
    </message>
    <message>
        <source>Layer {l}</source>
        <translation>第 {l} 层</translation>
    </message>
    <message>
        <source>‖δ{l}‖ = {d:.3g} &amp;nbsp; ‖∂L/∂W{l}‖ = {w:.3g} &amp;nbsp; ‖∂L/∂b{l}‖ = {b:.3g} &amp;nbsp; max |entry| = {m:.3g}</source>
        <translation>‖δ{l}‖ = {d:.3g} &amp;nbsp; ‖∂L/∂W{l}‖ = {w:.3g} &amp;nbsp; ‖∂L/∂b{l}‖ = {b:.3g} &amp;nbsp; 最大 |元素| = {m:.3g}</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation type="vanished">层</translation>
    </message>
</context>
<context>
    <name>engine</name>
    <message>
        <source>Himmelblau</source>
        <translation>Himmelblau 函数</translation>
    </message>
    <message>
        <source>Four equal minima: where you start decides which valley you end in.</source>
        <translation>四个相同的极小值：起点决定最终落入哪个山谷。</translation>
    </message>
    <message>
        <source>Sphere</source>
        <translation>球面函数</translation>
    </message>
    <message>
        <source>A round bowl: the gradient points straight at the minimum, so every method gets there.</source>
        <translation>圆形碗状：梯度直接指向极小值，因此所有方法都能到达。</translation>
    </message>
    <message>
        <source>Ill-conditioned bowl</source>
        <translation>病态碗状函数</translation>
    </message>
    <message>
        <source>An elongated bowl (condition number 25): plain descent zig-zags across, momentum glides along.</source>
        <translation>狭长的碗（条件数 25）：普通梯度下降来回振荡，动量法则顺着谷底滑行。</translation>
    </message>
    <message>
        <source>Saddle</source>
        <translation>鞍面</translation>
    </message>
    <message>
        <source>Downhill in y, uphill in x: a start on the x axis stalls at the saddle point forever.</source>
        <translation>沿 y 方向下坡，沿 x 方向上坡：从 x 轴上出发会永远停在鞍点。</translation>
    </message>
    <message>
        <source>Monkey saddle</source>
        <translation>猴鞍面</translation>
    </message>
    <message>
        <source>A flat point with three ways down: the gradient vanishes, yet it is no minimum.</source>
        <translation>一个有三条下坡路的平坦点：梯度为零，却不是极小值。</translation>
    </message>
    <message>
        <source>Rosenbrock</source>
        <translation>Rosenbrock 函数</translation>
    </message>
    <message>
        <source>A long curved valley: fast to find, slow to follow.</source>
        <translation>一条狭长弯曲的山谷：找到它很快，沿着它走很慢。</translation>
    </message>
    <message>
        <source>Beale</source>
        <translation>Beale 函数</translation>
    </message>
    <message>
        <source>A flat basin walled by steep ridges in the corners: step sizes that suit one part fail the other.</source>
        <translation>平坦的盆地，四角是陡峭的山脊：适合一处的步长在另一处会失败。</translation>
    </message>
    <message>
        <source>Booth</source>
        <translation>Booth 函数</translation>
    </message>
    <message>
        <source>A tilted, mildly stretched bowl: an easy warm-up with one minimum away from the origin.</source>
        <translation>倾斜、略微拉长的碗：简单的热身，唯一的极小值不在原点。</translation>
    </message>
    <message>
        <source>Matyas</source>
        <translation>Matyas 函数</translation>
    </message>
    <message>
        <source>A nearly flat diagonal trough: tiny gradients make plain descent crawl.</source>
        <translation>近乎平坦的对角槽：梯度很小，普通梯度下降进展缓慢。</translation>
    </message>
    <message>
        <source>Three-hump camel</source>
        <translation>三峰骆驼函数</translation>
    </message>
    <message>
        <source>One global minimum flanked by two local ones: a start on the side gets stuck.</source>
        <translation>一个全局极小值，两侧各有一个局部极小值：从侧面出发会被困住。</translation>
    </message>
    <message>
        <source>Six-hump camel</source>
        <translation>六峰骆驼函数</translation>
    </message>
    <message>
        <source>Six humps, two equally good minima and four traps: symmetric starts end in mirrored valleys.</source>
        <translation>六个峰、两个同样好的极小值和四个陷阱：对称的起点落入镜像的山谷。</translation>
    </message>
    <message>
        <source>Goldstein–Price</source>
        <translation>Goldstein–Price 函数</translation>
    </message>
    <message>
        <source>Values spanning six decades with a few local minima: step sizes must adapt to survive.</source>
        <translation>函数值跨越六个数量级，另有几个局部极小值：步长必须自适应才能应对。</translation>
    </message>
    <message>
        <source>Rastrigin</source>
        <translation>Rastrigin 函数</translation>
    </message>
    <message>
        <source>A bowl covered in a regular egg-box of local minima: local methods stop in the nearest cup.</source>
        <translation>布满规则“蛋托”状局部极小值的碗：局部方法会停在最近的小坑里。</translation>
    </message>
    <message>
        <source>Ackley</source>
        <translation>Ackley 函数</translation>
    </message>
    <message>
        <source>A funnel under a field of ripples: small steps get trapped, momentum can roll through.</source>
        <translation>布满波纹的漏斗：小步长会被困住，动量法可以滚过去。</translation>
    </message>
    <message>
        <source>Lévi N.13</source>
        <translation>Lévi N.13 函数</translation>
    </message>
    <message>
        <source>Ripples in two directions on a tilted bowl: many local minima, one at the bottom.</source>
        <translation>倾斜的碗上有两个方向的波纹：局部极小值众多，全局极小值只有一个。</translation>
    </message>
    <message>
        <source>Easom</source>
        <translation>Easom 函数</translation>
    </message>
    <message>
        <source>A flat plain with one narrow hole: almost no gradient to follow until you are nearly there.</source>
        <translation>平原上的一个窄洞：几乎没有梯度可循，直到非常接近它。</translation>
    </message>
    <message>
        <source>McCormick</source>
        <translation>McCormick 函数</translation>
    </message>
    <message>
        <source>A gently curved, tilted valley: one clear minimum and a local one up the slope.</source>
        <translation>平缓弯曲的倾斜山谷：一个明显的极小值，坡上还有一个局部极小值。</translation>
    </message>
    <message>
        <source>Styblinski–Tang</source>
        <translation>Styblinski–Tang 函数</translation>
    </message>
    <message>
        <source>Four basins of different depths: the nearest valley is often not the deepest.</source>
        <translation>四个深浅不同的盆地：最近的山谷往往不是最深的。</translation>
    </message>
    <message>
        <source>Gradient descent</source>
        <translation>梯度下降</translation>
    </message>
    <message>
        <source>Momentum</source>
        <translation>动量</translation>
    </message>
    <message>
        <source>Nesterov</source>
        <translation>Nesterov 动量</translation>
    </message>
    <message>
        <source>AdaGrad</source>
        <translation>AdaGrad</translation>
    </message>
    <message>
        <source>RMSProp</source>
        <translation>RMSProp</translation>
    </message>
    <message>
        <source>Adam</source>
        <translation>Adam</translation>
    </message>
    <message>
        <source>infinite slope at 0</source>
        <translation>在 0 处斜率为无穷大</translation>
    </message>
    <message>
        <source>kink where its argument is 0</source>
        <translation>在自变量为 0 处有折点</translation>
    </message>
    <message>
        <source>kink where its two arguments are equal</source>
        <translation>在两个自变量相等处有折点</translation>
    </message>
</context>
<context>
    <name>window</name>
    <message>
        <source>Network</source>
        <translation type="vanished">神经网络</translation>
    </message>
    <message>
        <source>Data and prediction</source>
        <translation type="vanished">数据与预测</translation>
    </message>
    <message>
        <source>Backprop</source>
        <translation type="vanished">反向传播</translation>
    </message>
</context>
</TS>
